package dev.platformimages.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Microsoft Artifact Registry catalog the seeds query: {@code GET /api/v1/catalog/<repository>/tags}, an array
 * of tags with {@code name}, {@code digest}, {@code lastModifiedDate} and more. Undocumented, so used only when
 * asked for (platform.mcrCatalog); the Registry API is the default way to resolve MCR images.
 */
public final class McrCatalog {

    public static final String HOST = "mcr.microsoft.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A tag as the catalog lists it: its digest when the catalog gives one, and when it last changed. */
    public record CatalogTag(String name, String digest, String lastModifiedDate) {
    }

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    /** @param base {@code https://mcr.microsoft.com}, or another address (tests, a proxy) */
    public McrCatalog(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * The catalog's entry for {@code repository:tag}; when it lists the tag once per architecture, the entry for
     * {@code architecture}. Empty when the catalog does not list the tag.
     */
    public Optional<CatalogTag> find(String repository, String tag, String architecture) {
        URI uri = base.resolve("/api/v1/catalog/" + repository + "/tags");
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RegistryException("cannot reach the MCR catalog at " + base.getHost() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while reading the MCR catalog", e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new RegistryException("the MCR catalog answered " + response.statusCode() + " for " + repository);
        }
        JsonNode tags;
        try {
            tags = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RegistryException("the MCR catalog sent something other than JSON for " + repository);
        }
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode entry : tags) {
            if (tag.equals(entry.path("name").asText())) {
                matches.add(entry);
            }
        }
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        JsonNode chosen = matches.stream().filter(e -> architecture.equals(e.path("architecture").asText()))
                .findFirst().orElse(matches.get(0));
        String digest = chosen.path("digest").asText("");
        String modified = chosen.path("lastModifiedDate").asText("");
        return Optional.of(new CatalogTag(tag, digest.isEmpty() ? null : digest, modified.isEmpty() ? null : modified));
    }
}
