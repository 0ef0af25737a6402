package dev.platformimages.image;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where to fetch images of an upstream registry from instead: a pull-through cache or mirror, written
 * {@code upstream=mirror[/path]}, comma separated, for example
 * {@code docker.io=123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub,mcr.microsoft.com=localhost:5000/mirror/mcr}.
 * {@code mcr.microsoft.com/dotnet/runtime:8.0} is then fetched as {@code localhost:5000/mirror/mcr/dotnet/runtime:8.0};
 * names in labels and logs stay the upstream's. Pure.
 */
public final class RegistryMirrors {

    private static final String PARAMETER = "platform.mirrors";

    private final Map<String, String> mirrorByRegistry;

    private RegistryMirrors(Map<String, String> mirrorByRegistry) {
        this.mirrorByRegistry = mirrorByRegistry;
    }

    public static RegistryMirrors none() {
        return new RegistryMirrors(Map.of());
    }

    /** Parses the mapping; every malformed entry is an error that quotes it and shows the form. */
    public static RegistryMirrors parse(String spec) {
        Map<String, String> mirrors = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return none();
        }
        for (String raw : spec.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException(PARAMETER + " has '" + entry + "': write upstream=mirror, for example "
                        + "docker.io=mirror.example.com/docker-hub");
            }
            String upstream = entry.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String mirror = entry.substring(eq + 1).trim().replaceAll("/+$", "");
            if (upstream.contains("/") || upstream.contains("://")) {
                throw new IllegalArgumentException(PARAMETER + " has '" + entry + "': the upstream side is a registry host "
                        + "such as docker.io or mcr.microsoft.com, without path or scheme");
            }
            if (mirror.contains("://")) {
                throw new IllegalArgumentException(PARAMETER + " has '" + entry + "': write the mirror as host[:port][/path], "
                        + "without scheme");
            }
            String mirrorHost = mirror.contains("/") ? mirror.substring(0, mirror.indexOf('/')) : mirror;
            try {
                ImageReference.validateRegistry(mirrorHost);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PARAMETER + " has '" + entry + "': '" + mirrorHost + "' is not a registry host");
            }
            if (mirrors.put(canonicalHost(upstream), mirror) != null) {
                throw new IllegalArgumentException(PARAMETER + " names " + upstream + " twice");
            }
        }
        return new RegistryMirrors(mirrors);
    }

    /** The reference to fetch {@code upstream} from: on its mirror, or itself when its registry has none. */
    public Optional<ImageReference> mirrorOf(ImageReference upstream) {
        String mirror = mirrorByRegistry.get(upstream.registry());
        if (mirror == null) {
            return Optional.empty();
        }
        int slash = mirror.indexOf('/');
        String host = slash < 0 ? mirror : mirror.substring(0, slash);
        String prefix = slash < 0 ? "" : mirror.substring(slash + 1) + "/";
        return Optional.of(ImageReference.parse(host + "/" + prefix + upstream.repository()
                + (upstream.tag() != null ? ":" + upstream.tag() : "")
                + (upstream.digest() != null ? "@" + upstream.digest() : "")));
    }

    public boolean isEmpty() {
        return mirrorByRegistry.isEmpty();
    }

    private static String canonicalHost(String host) {
        return host.equals("index.docker.io") || host.equals("registry-1.docker.io") ? ImageReference.DOCKER_HUB : host;
    }
}
