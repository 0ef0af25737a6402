package dev.platformimages.packages;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * platform.packages.mirrors: package sources fetched from another place ({@code prefix=replacement} pairs, comma
 * separated), for a machine that reaches them only through a proxy. The longest matching prefix wins.
 */
public final class PackageMirrors {

    private final Map<String, String> byPrefix;

    private PackageMirrors(Map<String, String> byPrefix) {
        this.byPrefix = byPrefix;
    }

    public static final PackageMirrors NONE = new PackageMirrors(Map.of());

    /**
     * @throws IllegalArgumentException when a pair has no {@code =} or is not two http(s) URLs
     */
    public static PackageMirrors parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        Map<String, String> byPrefix = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String from = eq < 0 ? "" : pair.substring(0, eq).trim();
            String to = eq < 0 ? "" : pair.substring(eq + 1).trim();
            if (!isHttp(from) || !isHttp(to)) {
                throw new IllegalArgumentException("platform.packages.mirrors has '" + SourceFetcher.display(from) + "="
                        + SourceFetcher.display(to) + "': write each mirror as SOURCE_URL_PREFIX=MIRROR_URL_PREFIX, "
                        + "e.g. http://deb.debian.org/debian=https://proxy.example.com/debian");
            }
            if (!SourceFetcher.display(to).equals(to) || !SourceFetcher.display(from).equals(from)) {
                throw new IllegalArgumentException("platform.packages.mirrors has user:password@ in "
                        + SourceFetcher.display(to) + ": a POM or command line is no place for credentials (mvn -X prints "
                        + "them). Put them in the settings.xml <server> whose id is the mirror's host (" + host(to) + ")");
            }
            byPrefix.put(from, to);
        }
        return new PackageMirrors(byPrefix);
    }

    /** Where {@code url} is fetched from. */
    public String fetchFrom(String url) {
        String best = null;
        for (String prefix : byPrefix.keySet()) {
            if (url.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? url : byPrefix.get(best) + url.substring(best.length());
    }

    private static String host(String url) {
        try {
            java.net.URI uri = java.net.URI.create(SourceFetcher.display(url));
            return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (IllegalArgumentException e) {
            return "the mirror's host";
        }
    }

    private static boolean isHttp(String url) {
        return url.startsWith("http://") || url.startsWith("https://");
    }
}
