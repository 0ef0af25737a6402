package dev.platformimages.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformimages.clock.Sleeper;
import dev.platformimages.http.RetryAfter;
import dev.platformimages.image.ImageReference;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registry HTTP API v2 over {@link HttpClient}. Plain HTTP only for loopback registries, TLS verified
 * everywhere else. Answers 401 challenges like the Docker client: Bearer (anonymous, or with credentials
 * when some are configured for the host) or Basic. Tokens are cached per registry and scope.
 */
public final class HttpRegistryClient implements RegistryClient {

    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 5;

    /** Attempts per request: the first and two retries on 429, 5xx and broken connections. */
    static final int MAX_ATTEMPTS = 3;
    /** A registry asking for a longer pause than this (Retry-After) is not waited for. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    /** Made on the first request, once per build and settings ({@link RegistryCache#httpClient}): a check answered from the read-ahead makes none. */
    private HttpClient http;
    private javax.net.ssl.SSLContext trust;
    /**
     * Authorizations, and the scheme each registry that may be reached without TLS (loopback,
     * platform.insecureRegistries) answered on: as Docker does, TLS is tried first and plain HTTP only when the
     * registry does not speak TLS. Shared by the clients of one build ({@link #sharing}); this client's own otherwise.
     */
    private RegistryCache cache = new RegistryCache();
    private final Duration timeout;
    private final CredentialLookup credentials;
    /** Requests sent, by registry host and method, for the log: the cost of a check is visible. */
    private final Map<String, Map<String, Integer>> requests = new ConcurrentHashMap<>();

    private final Duration firstBackoff;
    private final Sleeper sleeper;
    private java.util.Set<String> insecure = java.util.Set.of();

    /**
     * Registries (host[:port]) reached over plain HTTP although they are not on loopback: a test or lab registry
     * someone listed on purpose (platform.insecureRegistries). Never the default.
     */
    public HttpRegistryClient insecureRegistries(java.util.Set<String> hosts) {
        this.insecure = java.util.Set.copyOf(hosts);
        return this;
    }

    /** Shares authorizations and what each registry speaks with the other clients of the build. */
    public HttpRegistryClient sharing(RegistryCache buildCache) {
        this.cache = buildCache;
        return this;
    }

    /** Verifies registries' certificates against {@code trust} (the JVM's CAs and platform.caCertificates). */
    public HttpRegistryClient trusting(javax.net.ssl.SSLContext trust) {
        this.trust = trust;
        return this;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = cache.httpClient(timeout, trust, () -> client(timeout, trust));
        }
        return http;
    }

    private static HttpClient client(Duration timeout, javax.net.ssl.SSLContext trust) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(timeout)
                // Redirects are followed by hand: blob storage (S3 behind ECR, CDNs) must not get our credentials.
                .followRedirects(HttpClient.Redirect.NEVER);
        if (trust != null) {
            builder.sslContext(trust);
        }
        return builder.build();
    }

    /**
     * @param timeout     per request
     * @param credentials credentials by registry host (as written in image references), if any
     */
    public HttpRegistryClient(Duration timeout, CredentialLookup credentials) {
        this(timeout, credentials, Duration.ofMillis(500), Sleeper.REAL);
    }

    HttpRegistryClient(Duration timeout, CredentialLookup credentials, Duration firstBackoff, Sleeper sleeper) {
        this.timeout = timeout;
        this.credentials = credentials;
        this.firstBackoff = firstBackoff;
        this.sleeper = sleeper;
    }

    @Override
    public Optional<ManifestHead> head(ImageReference ref) {
        HttpResponse<byte[]> response = send(ref, "pull", manifestUri(ref),
                r -> r.method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", MediaTypes.ACCEPT));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expectSuccess(response, ref, "HEAD manifest");
        Optional<String> digest = response.headers().firstValue("Docker-Content-Digest");
        if (digest.isEmpty()) {
            // Some registries leave the digest out of HEAD answers: the GET computes it.
            return manifest(ref).map(m -> new ManifestHead(m.digest(), m.mediaType()));
        }
        return Optional.of(new ManifestHead(digest.get(), contentType(response)));
    }

    @Override
    public Optional<Manifest> manifest(ImageReference ref) {
        HttpResponse<byte[]> response = send(ref, "pull", manifestUri(ref),
                r -> r.GET().header("Accept", MediaTypes.ACCEPT));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expectSuccess(response, ref, "GET manifest");
        String type = contentType(response);
        if (!type.isEmpty() && !MediaTypes.ALL.contains(type)) {
            // A proxy's or portal's page answered in the registry's place, or a schema 1 manifest (unsupported).
            throw new RegistryException("registry " + ref.registry() + " answered the manifest of " + ref + " with "
                    + "Content-Type " + type + ", which is not an image manifest or index (expected one of "
                    + String.join(", ", MediaTypes.ALL) + "): check that " + ref.registry() + " is the registry itself, "
                    + "not a proxy or login page");
        }
        byte[] body = response.body();
        String digest = sha256(body);
        if (ref.digest() != null && !ref.digest().equals(digest)) {
            throw new RegistryException("registry " + ref.registry() + " sent a manifest for " + ref
                    + " whose bytes hash to " + digest + ": rejected");
        }
        Optional<String> claimed = response.headers().firstValue("Docker-Content-Digest");
        if (claimed.isPresent() && claimed.get().startsWith("sha256:") && !claimed.get().equals(digest)) {
            throw new RegistryException("registry " + ref.registry() + " sent a manifest for " + ref
                    + " with Docker-Content-Digest " + claimed.get() + " but its bytes hash to " + digest + ": rejected");
        }
        return Optional.of(new Manifest(body, contentType(response), digest));
    }

    @Override
    public byte[] blob(ImageReference repository, String digest) {
        URI uri = base(repository.registry()).resolve("/v2/" + repository.repository() + "/blobs/" + digest);
        HttpResponse<byte[]> response = send(repository, "pull", uri, HttpRequest.Builder::GET);
        expectSuccess(response, repository, "GET blob " + digest);
        String actual = sha256(response.body());
        if (!actual.equals(digest)) {
            throw new RegistryException("registry " + repository.registry() + " sent blob " + digest
                    + " of " + repository.name() + " whose bytes hash to " + actual + ": rejected");
        }
        return response.body();
    }

    /**
     * Streams the blob into {@code file} (a successful answer's body goes to the file, never into memory; an error's
     * is read for its message), then checks the file against the digest.
     */
    @Override
    public void blobTo(ImageReference repository, String digest, Path file) {
        URI uri = base(repository.registry()).resolve("/v2/" + repository.repository() + "/blobs/" + digest);
        HttpResponse.BodyHandler<byte[]> toFile = info -> info.statusCode() == 200
                ? HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofFile(file, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), written -> new byte[0])
                : HttpResponse.BodySubscribers.ofByteArray();
        HttpResponse<byte[]> response = send(repository, "pull", uri, HttpRequest.Builder::GET, toFile);
        expectSuccess(response, repository, "GET blob " + digest);
        String actual;
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            actual = "sha256:" + HexFormat.of().formatHex(sha.digest());
            long[] moved = bytes.computeIfAbsent(repository.registry(), r -> new long[2]);
            synchronized (moved) {
                moved[1] += Files.size(file);
            }
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new RegistryException("cannot read blob " + digest + " of " + repository.name() + " from " + file + ": "
                    + e.getMessage(), e);
        }
        if (!actual.equals(digest)) {
            throw new RegistryException("registry " + repository.registry() + " sent blob " + digest
                    + " of " + repository.name() + " whose bytes hash to " + actual + ": rejected");
        }
    }

    @Override
    public List<String> tags(String registry, String repository) {
        ImageReference ref = ImageReference.of(registry, repository, null);
        List<String> tags = new ArrayList<>();
        URI next = base(ref.registry()).resolve("/v2/" + ref.repository() + "/tags/list?n=1000");
        while (next != null) {
            HttpResponse<byte[]> response = send(ref, "pull", next, HttpRequest.Builder::GET);
            if (response.statusCode() == 404) {
                return tags;
            }
            expectSuccess(response, ref, "list tags");
            JsonNode page = readJson(response.body(), ref);
            page.path("tags").forEach(t -> tags.add(t.asText()));
            next = response.headers().firstValue("Link")
                    .map(NEXT_LINK::matcher).filter(Matcher::find)
                    .map(m -> base(ref.registry()).resolve(m.group(1)))
                    .orElse(null);
        }
        return tags;
    }

    @Override
    public String putManifest(ImageReference target, Manifest manifest) {
        byte[] body = manifest.body();
        HttpResponse<byte[]> response = send(target, "pull,push", manifestUri(target),
                r -> r.PUT(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", manifest.mediaType()));
        expectSuccess(response, target, "PUT manifest");
        return response.headers().firstValue("Docker-Content-Digest").orElse(sha256(body));
    }

    @Override
    public void copyBlob(ImageReference target, String digest, String fromRepository) {
        ImageReference blobRef = target.withDigest(digest);
        URI blobUri = base(target.registry()).resolve("/v2/" + target.repository() + "/blobs/" + digest);
        if (send(target, "pull", blobUri, r -> r.method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode() == 200) {
            return;
        }
        String extraScope = " repository:" + fromRepository + ":pull";
        URI mount = base(target.registry()).resolve("/v2/" + target.repository() + "/blobs/uploads/?mount="
                + encode(digest) + "&from=" + encode(fromRepository));
        HttpResponse<byte[]> response = send(target, "pull,push" + extraScope, mount,
                r -> r.POST(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() == 201) {
            return;
        }
        expectSuccess(response, blobRef, "mount blob " + digest + " from " + fromRepository);
        // 202: the registry opened an upload instead of mounting; fill it with the blob's bytes.
        URI upload = response.uri().resolve(response.headers().firstValue("Location").orElseThrow(() ->
                new RegistryException("registry " + target.registry() + " opened an upload without a Location")));
        ImageReference from = ImageReference.of(target.registry(), fromRepository, null);
        URI source = base(target.registry()).resolve("/v2/" + fromRepository + "/blobs/" + digest);
        byte[] bytes = send(from, "pull", source, HttpRequest.Builder::GET).body();
        if (!sha256(bytes).equals(digest)) {
            throw new RegistryException("blob " + digest + " of " + from.name() + " does not hash to its digest: not copied");
        }
        URI put = URI.create(upload + (upload.getQuery() == null ? "?" : "&") + "digest=" + encode(digest));
        HttpResponse<byte[]> stored = send(target, "pull,push", put,
                r -> r.PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).header("Content-Type", "application/octet-stream"));
        expectSuccess(stored, blobRef, "upload blob " + digest);
    }

    @Override
    public String putBlob(ImageReference repository, byte[] content) {
        String digest = sha256(content);
        URI blobUri = base(repository.registry()).resolve("/v2/" + repository.repository() + "/blobs/" + digest);
        if (send(repository, "pull,push", blobUri, r -> r.method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode() == 200) {
            return digest;
        }
        URI start = base(repository.registry()).resolve("/v2/" + repository.repository() + "/blobs/uploads/");
        HttpResponse<byte[]> opened = send(repository, "pull,push", start, r -> r.POST(HttpRequest.BodyPublishers.noBody()));
        expectSuccess(opened, repository, "open an upload");
        URI upload = opened.uri().resolve(opened.headers().firstValue("Location").orElseThrow(() ->
                new RegistryException("registry " + repository.registry() + " opened an upload without a Location")));
        URI put = URI.create(upload + (upload.getQuery() == null ? "?" : "&") + "digest=" + encode(digest));
        HttpResponse<byte[]> stored = send(repository, "pull,push", put,
                r -> r.PUT(HttpRequest.BodyPublishers.ofByteArray(content)).header("Content-Type", "application/octet-stream"));
        expectSuccess(stored, repository.withDigest(digest), "upload blob " + digest);
        return digest;
    }

    @Override
    public Optional<byte[]> referrers(ImageReference subject) {
        if (cache.hasNoReferrersApi(subject.registry())) {
            return Optional.empty();
        }
        URI uri = base(subject.registry()).resolve("/v2/" + subject.repository() + "/referrers/" + subject.digest());
        HttpResponse<byte[]> response = send(subject, "pull", uri, r -> r.GET().header("Accept", MediaTypes.OCI_INDEX));
        if (response.statusCode() == 404 || response.statusCode() == 405 || response.statusCode() == 400) {
            cache.answeredWithoutReferrersApi(subject.registry());
            return Optional.empty(); // no referrers API: the caller uses the tag schema
        }
        expectSuccess(response, subject, "GET referrers");
        return Optional.of(response.body());
    }

    @Override
    public void deleteManifest(ImageReference reference) {
        HttpResponse<byte[]> response = send(reference, "pull,push,delete", manifestUri(reference),
                HttpRequest.Builder::DELETE);
        if (response.statusCode() == 202 || response.statusCode() == 200 || response.statusCode() == 404) {
            return;
        }
        if (response.statusCode() == 405 || response.statusCode() == 400) {
            throw new RegistryException("registry " + reference.registry() + " does not allow deleting " + reference
                    + " (" + response.statusCode() + ")" + errorDetail(response.body()));
        }
        expectSuccess(response, reference, "DELETE manifest");
    }

    /** Requests sent so far, by registry, e.g. {@code 127.0.0.1:5000: 3 (GET 1, HEAD 2)}; empty before the first. */
    public java.util.List<String> requestCounts() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        new java.util.TreeMap<>(requests).forEach((registry, byMethod) -> {
            int total = byMethod.values().stream().mapToInt(Integer::intValue).sum();
            java.util.StringJoiner detail = new java.util.StringJoiner(", ");
            new java.util.TreeMap<>(byMethod).forEach((method, count) -> detail.add(method + " " + count));
            long[] moved = bytes.getOrDefault(registry, new long[2]);
            lines.add(registry + ": " + total + " (" + detail + "; " + size(moved[0]) + " sent, " + size(moved[1]) + " received)");
        });
        return lines;
    }

    @Override
    public Map<String, Integer> requestTotals() {
        Map<String, Integer> totals = new java.util.TreeMap<>();
        requests.forEach((registry, byMethod) -> totals.put(registry, byMethod.values().stream().mapToInt(Integer::intValue).sum()));
        return totals;
    }

    /** Request and response body bytes by registry: what a promotion really moves. */
    private final Map<String, long[]> bytes = new ConcurrentHashMap<>();

    private static String size(long bytes) {
        return bytes < 10 * 1024 ? bytes + " B" : bytes < 10L * 1024 * 1024 ? bytes / 1024 + " KiB" : bytes / (1024 * 1024) + " MiB";
    }

    /**
     * Credentials by host, looked up once per client (a lookup may run a credential helper), and again when they
     * are about to expire (an ECR token, in a release that outlasts it): the lookup then gives fresh ones.
     */
    private final Map<String, Optional<RegistryCredentials>> knownCredentials = new ConcurrentHashMap<>();

    private Optional<RegistryCredentials> credentialsOf(String host) {
        return knownCredentials.compute(host, (h, known) -> known == null
                || known.map(RegistryCredentials::expiresSoon).orElse(false) ? credentials.find(h) : known);
    }

    private String cacheKey(ImageReference ref, String scope) {
        Optional<RegistryCredentials> creds = credentialsOf(ref.registry());
        // Credentials are part of the key (hashed: the cache must not hold a readable password as a key).
        return ref.registry() + " " + scope + " " + creds.map(c -> Integer.toHexString((c.username() + ":" + c.password()).hashCode()))
                .orElse("anonymous");
    }

    /** Bearer tokens live a few minutes (the token's own expires_in is not kept): reuse them for 60 s; basic for the build. */
    private static java.time.Instant expiry(String authorization) {
        return authorization.startsWith("Bearer ") ? java.time.Instant.now().plusSeconds(60)
                : java.time.Instant.now().plus(Duration.ofHours(12));
    }

    private HttpResponse<byte[]> send(ImageReference ref, String actions, URI uri,
                                      Function<HttpRequest.Builder, HttpRequest.Builder> method) {
        return send(ref, actions, uri, method, HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> send(ImageReference ref, String actions, URI uri,
                                      Function<HttpRequest.Builder, HttpRequest.Builder> method,
                                      HttpResponse.BodyHandler<byte[]> handler) {
        String scope = "repository:" + ref.repository() + ":" + actions;
        String cacheKey = this.cacheKey(ref, scope);
        HttpResponse<byte[]> response = exchange(ref, uri, method, cache.authorization(cacheKey).orElse(null), handler);
        if (response.statusCode() == 401) {
            String authorization = authorize(ref, scope, response);
            cache.authorize(cacheKey, authorization, expiry(authorization));
            response = exchange(ref, uri, method, authorization, handler);
            if (response.statusCode() == 401) {
                throw new RegistryException("registry " + ref.registry() + " refused the credentials for "
                        + ref.name() + " (401): check " + credentials.searched(ref.registry()));
            }
        }
        for (int hops = 0; isRedirect(response.statusCode()) && hops < MAX_REDIRECTS; hops++) {
            response = followRedirect(ref, response, method, handler);
        }
        if (response.statusCode() == 403) {
            throw new RegistryException("registry " + ref.registry() + " denied " + actions + " on " + ref.name()
                    + " (403)" + errorDetail(response.body()));
        }
        return response;
    }

    /**
     * One request, retried with exponential backoff on 429 (after Retry-After when it says, up to
     * {@link #MAX_RETRY_AFTER}), on 500/502/503/504 and on broken connections, at most {@link #MAX_ATTEMPTS} times.
     * A refused connection or a timeout is not retried: the registry is not there, or too slow, and says so at once.
     */
    private HttpResponse<byte[]> exchange(ImageReference ref, URI uri,
                                          Function<HttpRequest.Builder, HttpRequest.Builder> method, String authorization,
                                          HttpResponse.BodyHandler<byte[]> handler) {
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            Duration wait = backoff;
            try {
                HttpResponse<byte[]> response = exchangeOnce(ref, uri, method, authorization, handler);
                int status = response.statusCode();
                boolean retryable = status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
                if (!retryable || attempt == MAX_ATTEMPTS) {
                    return response;
                }
                Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(RetryAfter::parse);
                if (retryAfter.isPresent()) {
                    if (retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0) {
                        return response; // the caller reports the status; waiting minutes is not a retry
                    }
                    wait = retryAfter.get();
                }
            } catch (RetryableIOException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new RegistryException("cannot reach registry " + ref.registry() + " at " + base(ref.registry())
                            + ": " + e.getCause().getClass().getSimpleName()
                            + (e.getCause().getMessage() == null ? "" : " " + e.getCause().getMessage())
                            + " (" + MAX_ATTEMPTS + " attempts)", e.getCause());
                }
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException("interrupted while waiting to retry registry " + ref.registry(), e);
            }
            backoff = backoff.multipliedBy(2);
        }
    }

    /** A broken connection (reset, closed mid-answer): worth another attempt. */
    private static final class RetryableIOException extends RuntimeException {
        RetryableIOException(IOException cause) {
            super(cause);
        }
    }

    private HttpResponse<byte[]> exchangeOnce(ImageReference ref, URI uri,
                                              Function<HttpRequest.Builder, HttpRequest.Builder> method, String authorization,
                                              HttpResponse.BodyHandler<byte[]> handler) {
        HttpRequest.Builder builder = method.apply(HttpRequest.newBuilder(uri).timeout(timeout));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        requests.computeIfAbsent(ref.registry(), r -> new ConcurrentHashMap<>()).merge(request.method(), 1, Integer::sum);
        try {
            HttpResponse<byte[]> response = http().send(request, handler);
            long sent = request.bodyPublisher().map(HttpRequest.BodyPublisher::contentLength).filter(n -> n > 0).orElse(0L);
            long[] moved = bytes.computeIfAbsent(ref.registry(), r -> new long[2]);
            synchronized (moved) {
                moved[0] += sent;
                moved[1] += response.body() == null ? 0 : response.body().length;
            }
            return response;
        } catch (HttpConnectTimeoutException e) {
            throw new RegistryException("registry " + ref.registry() + " (" + base(ref.registry())
                    + ") did not accept a connection within " + timeout.toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw new RegistryException("registry " + ref.registry() + " did not answer " + uri.getPath()
                    + " within " + timeout.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new RegistryException("cannot reach registry " + ref.registry() + " at " + base(ref.registry())
                    + ": connection refused. Is the registry running, and is the host:port right?", e);
        } catch (javax.net.ssl.SSLException e) {
            String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            if ("https".equals(uri.getScheme()) && speaksPlainHttp(e) && mayUsePlainHttp(host)) {
                // Not TLS: this registry may be reached without it, as Docker would; the probe was no request.
                cache.answeredOnPlainHttp(host);
                requests.get(ref.registry()).merge(request.method(), -1, Integer::sum);
                return exchangeOnce(ref, URI.create("http" + uri.toString().substring("https".length())), method, authorization,
                        handler);
            }
            throw tlsFailure(ref.registry(), host, e);
        } catch (IOException e) {
            throw new RetryableIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while calling registry " + ref.registry(), e);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Follows one redirect without credentials, and never from TLS down to plain HTTP off loopback. */
    private HttpResponse<byte[]> followRedirect(ImageReference ref, HttpResponse<byte[]> redirect,
                                                Function<HttpRequest.Builder, HttpRequest.Builder> method,
                                                HttpResponse.BodyHandler<byte[]> handler) {
        String location = redirect.headers().firstValue("Location").orElseThrow(() -> new RegistryException(
                "registry " + ref.registry() + " answered " + redirect.statusCode() + " without a Location"));
        URI target = redirect.uri().resolve(location);
        boolean secure = "https".equals(target.getScheme())
                || "http".equals(target.getScheme()) && (ImageReference.isLoopbackHost(target.getHost())
                || insecure.contains(target.getHost() + (target.getPort() > 0 ? ":" + target.getPort() : ""))
                || insecure.contains(target.getHost()));
        if (!secure) {
            throw new RegistryException("registry " + ref.registry() + " redirected to " + target.getScheme() + "://"
                    + target.getHost() + ", which is not TLS: refused");
        }
        return exchange(ref, target, method, null, handler);
    }

    /** Answers a 401 challenge: returns the Authorization header value to retry with. */
    private String authorize(ImageReference ref, String scope, HttpResponse<byte[]> unauthorized) {
        AuthChallenge challenge = AuthChallenge.parse(unauthorized.headers().firstValue("WWW-Authenticate").orElse(""));
        Optional<RegistryCredentials> creds = credentialsOf(ref.registry());
        if (challenge.isBasic()) {
            return basic(creds.orElseThrow(() -> new RegistryException("registry " + ref.registry()
                    + " requires credentials for " + ref.name() + ", and none were found (looked for "
                    + credentials.searched(ref.registry()) + ")")));
        }
        if (!challenge.isBearer() || challenge.parameter("realm") == null) {
            throw new RegistryException("registry " + ref.registry() + " answered 401 without a usable challenge");
        }
        StringBuilder query = new StringBuilder();
        for (String one : (challenge.parameter("scope") != null ? challenge.parameter("scope") : scope).split(" ")) {
            query.append(query.length() == 0 ? "?" : "&").append("scope=").append(encode(one));
        }
        if (challenge.parameter("service") != null) {
            query.append("&service=").append(encode(challenge.parameter("service")));
        }
        URI tokenUri = URI.create(challenge.parameter("realm") + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUri).timeout(timeout).GET();
        creds.ifPresent(c -> request.header("Authorization", basic(c)));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (javax.net.ssl.SSLException e) {
            throw tlsFailure(ref.registry(), tokenUri.getHost() + (tokenUri.getPort() > 0 ? ":" + tokenUri.getPort() : ""), e);
        } catch (IOException e) {
            throw new RegistryException("cannot get a token for " + ref.name() + " from " + tokenUri.getHost()
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while getting a token from " + tokenUri.getHost(), e);
        }
        if (response.statusCode() != 200) {
            throw new RegistryException("token service " + tokenUri.getHost() + " refused access to " + ref.name()
                    + " (" + response.statusCode() + ")" + (creds.isEmpty()
                    ? ": the repository may be private, and no credentials were found (looked for "
                    + credentials.searched(ref.registry()) + ")"
                    : ": check " + credentials.searched(ref.registry())));
        }
        JsonNode token = readJson(response.body(), ref);
        String value = token.hasNonNull("token") ? token.get("token").asText() : token.path("access_token").asText("");
        if (value.isEmpty()) {
            throw new RegistryException("token service " + tokenUri.getHost() + " answered without a token");
        }
        return "Bearer " + value;
    }

    private static String basic(RegistryCredentials c) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }

    private static void expectSuccess(HttpResponse<byte[]> response, ImageReference ref, String what) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new RegistryException(what + " of " + ref + " failed at registry " + ref.registry()
                    + ": HTTP " + status + errorDetail(response.body()) + (status == 429
                    ? " (the registry limits the request rate; retried " + MAX_ATTEMPTS + " times or asked to wait over "
                    + MAX_RETRY_AFTER.toSeconds() + " s. Credentials usually raise the limit)" : ""));
        }
    }

    /** The registry's own error codes and messages ({"errors":[{"code","message"}]}), when it sent them. */
    private static String errorDetail(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            List<String> parts = new ArrayList<>();
            for (JsonNode error : JSON.readTree(body).path("errors")) {
                parts.add(error.path("code").asText() + " " + error.path("message").asText());
            }
            return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static JsonNode readJson(byte[] body, ImageReference ref) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new RegistryException("registry " + ref.registry() + " answered with malformed JSON for " + ref.name(), e);
        }
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim()).orElse("");
    }

    private URI manifestUri(ImageReference ref) {
        return base(ref.registry()).resolve("/v2/" + ref.repository() + "/manifests/" + ref.manifestReference());
    }

    /**
     * TLS, except for loopback hosts and the hosts listed as insecure (platform.insecureRegistries) once they have
     * answered in plain HTTP: those are tried over TLS first, as Docker does.
     */
    URI base(String registry) {
        String host = registry.equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io" : registry;
        boolean plain = mayUsePlainHttp(host) && cache.plainHttp(host);
        return URI.create((plain ? "http://" : "https://") + host);
    }

    private boolean mayUsePlainHttp(String host) {
        return ImageReference.isLoopbackHost(host) || insecure.contains(host);
    }

    /** The answer of a server that does not speak TLS, as the JDK reports it. */
    private static boolean speaksPlainHttp(javax.net.ssl.SSLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Unsupported or unrecognized SSL message") || message.contains("plaintext connection");
    }

    /**
     * A TLS failure, which no retry mends: says which host, what was wrong with its certificate when that is the
     * cause, and how to trust it; never suggests switching verification off.
     */
    static RegistryException tlsFailure(String registry, String host, javax.net.ssl.SSLException e) {
        String cause = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            cause = String.valueOf(t.getMessage());
        }
        String text = String.valueOf(e.getMessage()) + " " + cause;
        if (text.contains("PKIX path") || text.contains("unable to find valid certification path")) {
            return new RegistryException("registry " + registry + " (https://" + host + ") presented a certificate that "
                    + "Java does not trust (" + cause + "): give the PEM file of the CA that signed it in "
                    + "platform.caCertificates, or add that CA to the JVM's trust store (keytool -importcert -cacerts)", e);
        }
        if (text.contains("No subject alternative") || text.contains("No name matching")) {
            return new RegistryException("registry " + registry + " (https://" + host + ") presented a certificate for "
                    + "another name (" + cause + "): reach the registry by a name its certificate holds, or have the "
                    + "certificate reissued with " + host.replaceFirst(":[0-9]+$", "") + " in its subject alternative names", e);
        }
        return new RegistryException("TLS with registry " + registry + " (https://" + host + ") failed: " + cause
                + ". Check that it serves TLS on that port with a certificate Java trusts (platform.caCertificates "
                + "adds CA certificates)", e);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
