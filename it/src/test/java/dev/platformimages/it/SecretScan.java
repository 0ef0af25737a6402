package dev.platformimages.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds a secret in text in any encoding a log or file could carry it: as is, URL-encoded, and in standard or
 * URL-safe base64 at each of the three byte offsets it can have inside a longer encoded value (so base64 of
 * {@code user:password} or of a JSON document holding it is found too).
 */
final class SecretScan {

    private SecretScan() {
    }

    /** Every form the secret can take; each is long enough not to match by chance. */
    static Set<String> forms(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        forms.add(java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8));
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        for (int offset = 0; offset < 3; offset++) {
            byte[] padded = new byte[offset + bytes.length];
            System.arraycopy(bytes, 0, padded, offset, bytes.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(padded);
            // Only the groups of three bytes that lie wholly inside the secret encode the same in any context.
            int first = (offset + 2) / 3;
            int last = (offset + bytes.length - 3) / 3;
            if (last < first) {
                continue;
            }
            String stable = encoded.substring(4 * first, Math.min(encoded.length(), 4 * (last + 1)));
            if (stable.length() < 8) {
                continue; // too short not to match by chance in a long log; the test secrets are longer
            }
            forms.add(stable);
            forms.add(stable.replace('+', '-').replace('/', '_'));
        }
        return forms;
    }

    /** The forms of {@code secret} found in {@code text}, named for a failure message. */
    static List<String> find(String text, String secret) {
        List<String> found = new ArrayList<>();
        for (String form : forms(secret)) {
            if (text.contains(form)) {
                found.add(form.equals(secret) ? "the plain value" : "the encoded form " + form);
            }
        }
        return found;
    }

    /** Every file under {@code dir} (build output, state, logs) in which the secret appears, in any form. */
    static List<String> findInFiles(Path dir, String secret) {
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String form : find(text, secret)) {
                    found.add(file + ": " + form);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
