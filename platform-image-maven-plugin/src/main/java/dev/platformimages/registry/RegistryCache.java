package dev.platformimages.registry;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the Registry API clients of one build share, and no more than one build: the bearer authorizations by
 * registry, scope and credentials (a reactor of images on one registry asks for a token once per scope), each kept
 * until shortly before it expires, and the scheme each registry that may be reached without TLS answered on.
 */
public final class RegistryCache {

    private record Authorization(String header, Instant expires) {
    }

    private final Map<String, Authorization> authorizations = new ConcurrentHashMap<>();
    private final Map<String, String> schemes = new ConcurrentHashMap<>();

    Optional<String> authorization(String key) {
        Authorization cached = authorizations.get(key);
        return cached != null && Instant.now().isBefore(cached.expires()) ? Optional.of(cached.header()) : Optional.empty();
    }

    void authorize(String key, String header, Instant expires) {
        authorizations.put(key, new Authorization(header, expires));
    }

    /** Whether {@code host} answered on plain HTTP (it does not speak TLS). */
    boolean plainHttp(String host) {
        return "http".equals(schemes.get(host));
    }

    void answeredOnPlainHttp(String host) {
        schemes.put(host, "http");
    }
}
