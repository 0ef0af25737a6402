package dev.platformimages.packages;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Where an image's package manager gets its packages and the keys it trusts for them, as the image's own files say:
 * apt's sources ({@code /etc/apt/sources.list}, {@code sources.list.d/*.list} and deb822 {@code *.sources}) with the
 * keyrings they name (or {@code /etc/apt/trusted.gpg.d} for sources that name none), apk's
 * {@code /etc/apk/repositories} with {@code /etc/apk/keys}. Kept in the inventory, so that a check for updates needs
 * the image's layers no more.
 *
 * @param apt  apt's deb sources
 * @param apk  apk's repositories (URLs of a branch's repository, e.g. {@code https://dl-cdn.alpinelinux.org/alpine/v3.20/main})
 * @param keys    the key files the sources need, by absolute path in the image, base64
 * @param problem why the sources could not be read (a file that does not parse), else null
 */
public record PackageSources(List<AptSource> apt, List<String> apk, Map<String, String> keys, String problem) {

    static final String SOURCES_LIST = "etc/apt/sources.list";
    static final String SOURCES_LIST_D = "etc/apt/sources.list.d/";
    static final String TRUSTED_GPG = "etc/apt/trusted.gpg";
    static final String TRUSTED_GPG_D = "etc/apt/trusted.gpg.d/";
    static final String APK_REPOSITORIES = "etc/apk/repositories";
    static final String APK_KEYS = "etc/apk/keys/";
    private static final List<String> KEYRING_FOLDERS = List.of("usr/share/keyrings/", "etc/apt/keyrings/", TRUSTED_GPG_D);

    /** The files {@link #of} reads. */
    static final Predicate<String> FILES = path -> path.equals(SOURCES_LIST) || path.equals(TRUSTED_GPG)
            || path.equals(APK_REPOSITORIES) || path.startsWith(APK_KEYS) && path.indexOf('/', APK_KEYS.length()) < 0
            || path.startsWith(SOURCES_LIST_D) && (path.endsWith(".list") || path.endsWith(".sources"))
            && path.indexOf('/', SOURCES_LIST_D.length()) < 0
            || KEYRING_FOLDERS.stream().anyMatch(folder -> path.startsWith(folder) && path.indexOf('/', folder.length()) < 0
            && (path.endsWith(".gpg") || path.endsWith(".asc") || path.endsWith(".pgp")) && !path.contains("removed"));

    public PackageSources {
        apt = List.copyOf(apt);
        apk = List.copyOf(apk);
        keys = new TreeMap<>(keys);
    }

    public PackageSources(List<AptSource> apt, List<String> apk, Map<String, String> keys) {
        this(apt, apk, keys, null);
    }

    /** No sources, and why they could not be read. */
    PackageSources withProblem(String why) {
        return new PackageSources(List.of(), List.of(), Map.of(), why);
    }

    /** Whether the image names no source at all. */
    public boolean isEmpty() {
        return apt.isEmpty() && apk.isEmpty();
    }

    /** The bytes of key file {@code path} (absolute), or null when the image has none there. */
    public byte[] key(String path) {
        String base64 = keys.get(path);
        return base64 == null ? null : Base64.getDecoder().decode(base64);
    }

    /** The key files of {@code folder} (absolute, ending in /), by path. */
    public Map<String, byte[]> keysIn(String folder) {
        Map<String, byte[]> result = new TreeMap<>();
        keys.forEach((path, base64) -> {
            if (path.startsWith(folder)) {
                result.put(path, Base64.getDecoder().decode(base64));
            }
        });
        return result;
    }

    /**
     * The sources of an image whose {@link #FILES} are given (paths without the leading /).
     *
     * @throws IllegalArgumentException when a sources file does not parse (the message names it)
     */
    static PackageSources of(Map<String, byte[]> files) {
        List<AptSource> apt = new ArrayList<>();
        new TreeMap<>(files).forEach((path, bytes) -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            try {
                if (path.equals(SOURCES_LIST) || path.startsWith(SOURCES_LIST_D) && path.endsWith(".list")) {
                    apt.addAll(AptSource.parseList(text));
                } else if (path.startsWith(SOURCES_LIST_D) && path.endsWith(".sources")) {
                    apt.addAll(AptSource.parseDeb822(text));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("/" + path + ": " + e.getMessage(), e);
            }
        });
        List<String> apk = new ArrayList<>();
        byte[] repositories = files.get(APK_REPOSITORIES);
        if (repositories != null) {
            for (String line : new String(repositories, StandardCharsets.UTF_8).split("\n")) {
                String repository = line.trim();
                if (!repository.isEmpty() && !repository.startsWith("#")) {
                    apk.add(SourceFetcher.display(repository.startsWith("@")
                            ? repository.substring(repository.indexOf(' ') + 1).trim() : repository));
                }
            }
        }
        Map<String, String> keys = new TreeMap<>();
        boolean trustedNeeded = apt.stream().anyMatch(s -> s.signedBy() == null);
        files.forEach((path, bytes) -> {
            String absolute = "/" + path;
            boolean needed = path.startsWith(APK_KEYS) && !apk.isEmpty()
                    || (path.equals(TRUSTED_GPG) || path.startsWith(TRUSTED_GPG_D)) && trustedNeeded
                    || apt.stream().anyMatch(s -> absolute.equals(s.signedBy()));
            if (needed) {
                keys.put(absolute, Base64.getEncoder().encodeToString(bytes));
            }
        });
        return new PackageSources(apt, apk, keys);
    }
}
