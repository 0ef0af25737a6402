package dev.platformimages.registry;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the Registry API clients of one build share, and no more than one build: the bearer authorizations by
 * registry, scope and credentials (a reactor of images on one registry asks for a token once per scope), each kept
 * until shortly before it expires, the scheme each registry that may be reached without TLS answered on, and the
 * registries that have no referrers API (asked once per build).
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

    private final java.util.Set<String> withoutReferrersApi = ConcurrentHashMap.newKeySet();
    /** By timeout and trust (an SSL context is equal to itself only): a client, its threads and connections, per build. */
    private final Map<java.util.List<Object>, java.net.http.HttpClient> httpClients = new ConcurrentHashMap<>();

    java.net.http.HttpClient httpClient(java.time.Duration timeout, javax.net.ssl.SSLContext trust,
                                        java.util.function.Supplier<java.net.http.HttpClient> make) {
        java.util.List<Object> key = java.util.Arrays.asList(timeout, trust == null ? "default trust" : trust);
        return httpClients.computeIfAbsent(key, k -> make.get());
    }

    /** Whether {@code host} answered that it has no referrers API (then the tag schema is used at once). */
    boolean hasNoReferrersApi(String host) {
        return withoutReferrersApi.contains(host);
    }

    void answeredWithoutReferrersApi(String host) {
        withoutReferrersApi.add(host);
    }

    /** Whether {@code host} answered on plain HTTP (it does not speak TLS). */
    boolean plainHttp(String host) {
        return "http".equals(schemes.get(host));
    }

    void answeredOnPlainHttp(String host) {
        schemes.put(host, "http");
    }
}
