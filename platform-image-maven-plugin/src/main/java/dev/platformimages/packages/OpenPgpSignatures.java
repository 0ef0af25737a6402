package dev.platformimages.packages;

import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Verifies an OpenPGP clear-signed document (apt's {@code InRelease}) against keyrings, as apt's gpgv does: the
 * signature must be made by a key of one of the keyrings and match the text (lines without trailing whitespace,
 * joined by CR LF, RFC 4880 section 7.1).
 */
public final class OpenPgpSignatures {

    private OpenPgpSignatures() {
    }

    /**
     * The signed text of {@code clearSigned} when a good signature of a key in {@code keyrings} (binary or armored
     * keyring files, by name) covers it.
     *
     * @throws IllegalArgumentException when the document is not clear-signed, no signature is made by a trusted
     *                                  key (the message names the signing key), or the signature does not match
     */
    public static String verifyClearSigned(byte[] clearSigned, Map<String, byte[]> keyrings) {
        if (!new String(clearSigned, 0, Math.min(clearSigned.length, 64), StandardCharsets.US_ASCII)
                .startsWith("-----BEGIN PGP SIGNED MESSAGE-----")) {
            throw new IllegalArgumentException("it is not a clear-signed document");
        }
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        keyrings.forEach((name, bytes) -> rings.addAll(readRings(name, bytes)));
        try (ArmoredInputStream armored = ArmoredInputStream.builder().build(new ByteArrayInputStream(clearSigned))) {
            if (!armored.isClearText()) {
                throw new IllegalArgumentException("it is not a clear-signed document");
            }
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            for (int b; (b = armored.read()) >= 0; ) {
                if (!armored.isClearText()) {
                    break; // the first byte of the signature's armor
                }
                text.write(b);
            }
            byte[] signedText = canonical(text.toByteArray());
            PGPObjectFactory objects = new BcPGPObjectFactory(armored);
            Object object = objects.nextObject();
            if (!(object instanceof PGPSignatureList signatures) || signatures.isEmpty()) {
                throw new IllegalArgumentException("it carries no signature");
            }
            List<String> unknown = new ArrayList<>();
            for (PGPSignature signature : signatures) {
                PGPPublicKey key = find(rings, signature.getKeyID());
                if (key == null) {
                    unknown.add(String.format("%016X", signature.getKeyID()));
                    continue;
                }
                signature.init(new BcPGPContentVerifierBuilderProvider(), key);
                signature.update(signedText);
                if (!signature.verify()) {
                    throw new IllegalArgumentException("its signature by key " + String.format("%016X", signature.getKeyID())
                            + " does not match its text: the file was changed after it was signed");
                }
                return new String(stripLastLineEnd(text.toByteArray()), StandardCharsets.UTF_8);
            }
            throw new IllegalArgumentException("it is signed by key " + String.join(", ", unknown) + ", which is in none of "
                    + (keyrings.isEmpty() ? "the image's keyrings (it has none for this source)" : String.join(", ", keyrings.keySet())));
        } catch (IOException | PGPException e) {
            throw new IllegalArgumentException("its signature cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<PGPPublicKeyRing> readRings(String name, byte[] bytes) {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            PGPObjectFactory objects = new PGPObjectFactory(in, new BcKeyFingerprintCalculator());
            for (Object o; (o = objects.nextObject()) != null; ) {
                if (o instanceof PGPPublicKeyRing ring) {
                    rings.add(ring);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a file that is no keyring trusts nothing, as for gpgv
        }
        return rings;
    }

    private static PGPPublicKey find(List<PGPPublicKeyRing> rings, long keyId) {
        for (PGPPublicKeyRing ring : rings) {
            PGPPublicKey key = ring.getPublicKey(keyId);
            if (key != null) {
                return key;
            }
        }
        return null;
    }

    /** The text as signed: each line without trailing spaces and tabs, lines joined by CR LF, no line end at the end. */
    static byte[] canonical(byte[] clearText) {
        String text = new String(stripLastLineEnd(clearText), StandardCharsets.UTF_8);
        String[] lines = text.split("\r?\n", -1);
        StringBuilder signed = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                signed.append("\r\n");
            }
            signed.append(lines[i].replaceAll("[ \t\r]+$", ""));
        }
        return signed.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The line end before the signature's armor belongs to the armor, not to the text. */
    private static byte[] stripLastLineEnd(byte[] text) {
        int end = text.length;
        if (end > 0 && text[end - 1] == '\n') {
            end--;
            if (end > 0 && text[end - 1] == '\r') {
                end--;
            }
        }
        return java.util.Arrays.copyOf(text, end);
    }
}
