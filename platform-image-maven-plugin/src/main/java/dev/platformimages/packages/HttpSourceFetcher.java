package dev.platformimages.packages;


import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Package sources over HTTP(S), as apt and apk fetch them: redirects followed, the JVM's trust store for TLS. A host
 * that needs credentials (a mirror behind authentication) gets them as basic authentication from the credentials
 * lookup (settings.xml's {@code <server>} whose id is the host), never from a URL, and they are shown nowhere. Counts
 * requests and bytes for the benchmark.
 */
public final class HttpSourceFetcher implements SourceFetcher {

    private final HttpClient http;
    private final Duration timeout;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    private final java.util.function.Function<String, Optional<String[]>> credentials;

    /** @param credentials user and password for a host[:port], when it has some */
    public HttpSourceFetcher(Duration timeout, java.util.function.Function<String, Optional<String[]>> credentials) {
        this.timeout = timeout;
        this.credentials = credentials;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public Optional<byte[]> get(String url) {
        HttpResponse<byte[]> response = send(url, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expectOk(url, response.statusCode());
        bytes.addAndGet(response.body().length);
        return Optional.of(response.body());
    }

    @Override
    public boolean download(String url, Path file) {
        HttpResponse<Path> response = send(url, HttpResponse.BodyHandlers.ofFile(file));
        if (response.statusCode() == 404) {
            return false;
        }
        expectOk(url, response.statusCode());
        try {
            bytes.addAndGet(Files.size(file));
        } catch (IOException e) {
            // only the count misses it
        }
        return true;
    }

    /** Requests sent so far. */
    public long requests() {
        return requests.get();
    }

    /** Bytes received so far. */
    public long bytes() {
        return bytes.get();
    }

    private <T> HttpResponse<T> send(String url, HttpResponse.BodyHandler<T> handler) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new SourceException("'" + SourceFetcher.display(url) + "' is not a URL", e);
        }
        if (uri.getRawUserInfo() != null) {
            uri = URI.create(SourceFetcher.display(url)); // credentials in a URL are never sent, nor shown
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        Optional<String[]> login = credentials.apply(uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
        if (login.isPresent()) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (login.get()[0] + ":" + login.get()[1]).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        requests.incrementAndGet();
        try {
            return http.send(request.build(), handler);
        } catch (IOException e) {
            throw new SourceException("cannot reach " + SourceFetcher.display(url) + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted while fetching " + SourceFetcher.display(url), e);
        }
    }

    private static void expectOk(String url, int status) {
        if (status != 200) {
            throw new SourceException(SourceFetcher.display(url) + " answered HTTP " + status, null);
        }
    }
}
