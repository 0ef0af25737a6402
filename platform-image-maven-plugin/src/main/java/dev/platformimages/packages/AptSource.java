package dev.platformimages.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One {@code deb} source of an image's apt: a repository URI, a suite and its components, and the keyring its
 * {@code InRelease} must be signed with ({@code signed-by}: a file of the image or an inline key; null: the keys apt
 * trusts for every source, /etc/apt/trusted.gpg.d). Flat repositories ({@code deb URI path/}) have no components.
 */
public record AptSource(String uri, String suite, List<String> components, List<String> architectures, String signedBy) {

    public AptSource {
        // Credentials written in a source's URL stay in the image: the inventory kept in the registry has none.
        uri = SourceFetcher.display(uri);
        uri = uri.endsWith("/") ? uri : uri + "/";
        components = List.copyOf(components);
        architectures = List.copyOf(architectures);
    }

    /** The URL of the suite's {@code InRelease}. */
    public String inReleaseUrl() {
        return suiteUrl() + "InRelease";
    }

    /** The folder the suite's Release names its files in ({@code dists/SUITE/}, or the flat path). */
    public String suiteUrl() {
        return components.isEmpty() ? uri + (suite.equals("/") || suite.equals("./") ? "" : suite.replaceAll("/*$", "/"))
                : uri + "dists/" + suite + "/";
    }

    /**
     * The sources of a one-line {@code sources.list} file ({@code deb [options] uri suite [component...]}); deb-src
     * lines, comments and disabled lines are left out.
     *
     * @throws IllegalArgumentException when a deb line is incomplete (the message names the line)
     */
    public static List<AptSource> parseList(String text) {
        List<AptSource> sources = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.replaceAll("#.*", "").trim();
            if (line.isEmpty() || !line.startsWith("deb ") && !line.startsWith("deb\t")) {
                continue;
            }
            String rest = line.substring(3).trim();
            List<String> architectures = new ArrayList<>();
            String signedBy = null;
            if (rest.startsWith("[")) {
                int end = rest.indexOf(']');
                if (end < 0) {
                    throw new IllegalArgumentException("the options of '" + raw.trim() + "' have no closing ]");
                }
                for (String option : rest.substring(1, end).trim().split("\\s+")) {
                    int eq = option.indexOf('=');
                    if (eq < 0) {
                        continue;
                    }
                    String key = option.substring(0, eq).toLowerCase(Locale.ROOT);
                    String value = option.substring(eq + 1);
                    if (key.equals("arch")) {
                        architectures.addAll(List.of(value.split(",")));
                    } else if (key.equals("signed-by")) {
                        signedBy = value;
                    }
                }
                rest = rest.substring(end + 1).trim();
            }
            String[] words = rest.split("\\s+");
            if (words.length < 2) {
                throw new IllegalArgumentException("'" + raw.trim() + "' names no suite");
            }
            sources.add(new AptSource(words[0], words[1], List.of(words).subList(2, words.length), architectures, signedBy));
        }
        return sources;
    }

    /**
     * The sources of a deb822 {@code .sources} file: stanzas of Types, URIs, Suites, Components, Architectures,
     * Signed-By (a path, or a key block inline) and Enabled; each URI x suite is a source.
     *
     * @throws IllegalArgumentException when a deb stanza has no URIs or Suites
     */
    public static List<AptSource> parseDeb822(String text) {
        List<AptSource> sources = new ArrayList<>();
        for (java.util.Map<String, String> stanza : PackageDatabases.deb822(text)) {
            List<String> types = words(stanza.get("types"));
            if (!types.contains("deb") || "no".equalsIgnoreCase(stanza.getOrDefault("enabled", "yes").trim())) {
                continue;
            }
            List<String> uris = words(stanza.get("uris"));
            List<String> suites = words(stanza.get("suites"));
            if (uris.isEmpty() || suites.isEmpty()) {
                throw new IllegalArgumentException("a deb stanza has no " + (uris.isEmpty() ? "URIs" : "Suites"));
            }
            String signedBy = stanza.get("signed-by");
            if (signedBy != null) {
                signedBy = signedBy.contains("BEGIN PGP") ? signedBy.replaceAll("(?m)^\\.$", "").strip() : words(signedBy).stream().findFirst().orElse(null);
            }
            for (String uri : uris) {
                for (String suite : suites) {
                    sources.add(new AptSource(uri, suite, words(stanza.get("components")), words(stanza.get("architectures")),
                            signedBy));
                }
            }
        }
        return sources;
    }

    private static List<String> words(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }
}
