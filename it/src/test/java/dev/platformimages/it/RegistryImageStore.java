package dev.platformimages.it;

import dev.platformimages.ecr.FakeEcr;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

/** The fake ECR's storage in the real local registry of the ITs: the engine pushes and pulls the same bytes. */
final class RegistryImageStore implements FakeEcr.ImageStore {

    private static final String ACCEPT = "application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, "
            + "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String registry;

    RegistryImageStore(String registry) {
        this.registry = registry;
    }

    @Override
    public Optional<Stored> get(String repository, String reference) {
        HttpResponse<String> manifest = send("GET", repository, reference, null, null);
        if (manifest.statusCode() != 200) {
            return Optional.empty();
        }
        return Optional.of(new Stored(manifest.body(), manifest.headers().firstValue("Content-Type").orElseThrow(),
                manifest.headers().firstValue("Docker-Content-Digest").orElseThrow()));
    }

    @Override
    public String put(String repository, String reference, String manifest, String mediaType) {
        HttpResponse<String> put = send("PUT", repository, reference, manifest, mediaType);
        return put.statusCode() == 201 ? null : "registry answered " + put.statusCode() + ": " + put.body();
    }

    @Override
    public void delete(String repository, String digest) {
        send("DELETE", repository, digest, null, null);
    }

    @Override
    public List<String> tags(String repository) {
        return LocalRegistry.tags(repository);
    }

    private HttpResponse<String> send(String method, String repository, String reference, String body, String mediaType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + reference));
        if (body != null) {
            request.header("Content-Type", mediaType).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.header("Accept", ACCEPT).method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
