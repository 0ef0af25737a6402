package dev.platformimages.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformimages.image.ImageReference;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads what a published image says about itself: its config digest and labels, through the registry API. */
public final class PublishedImages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClient registry;

    public PublishedImages(RegistryClient registry) {
        this.registry = registry;
    }

    /** The config digest of the image (for an index, of its linux/amd64 or first real platform entry). */
    public String configDigest(ImageReference reference) {
        JsonNode manifest = imageManifest(reference);
        String digest = manifest.path("config").path("digest").asText("");
        if (digest.isEmpty()) {
            throw new RegistryException("the manifest of " + reference + " names no config");
        }
        return digest;
    }

    /** The image's labels (empty when it has none). */
    public Map<String, String> labels(ImageReference reference) {
        return describe(reference).labels();
    }

    /**
     * A published image: the digest its reference resolves to (an index for multi-arch), its labels, config digest
     * and architecture (for an index: of its linux/amd64 or first platform entry), the platforms it has, and when it was
     * built as its config says ({@code created}, null when it says nothing).
     */
    public record Published(String digest, Map<String, String> labels, String configDigest, String architecture,
                            java.util.List<String> platforms, String created) {
    }

    /** Digest and labels with one manifest read and one config read (two for an index). */
    public Published describe(ImageReference reference) {
        return describeIfPresent(reference)
                .orElseThrow(() -> new RegistryException(reference + " is not in registry " + reference.registry()));
    }

    /** {@link #describe}, or empty when the reference does not exist (one request then). */
    public java.util.Optional<Published> describeIfPresent(ImageReference reference) {
        java.util.Optional<Manifest> found = registry.manifest(reference);
        if (found.isEmpty()) {
            return java.util.Optional.empty();
        }
        Manifest top = found.get();
        JsonNode manifest = imageManifest(reference, top);
        String configDigest = manifest.path("config").path("digest").asText("");
        if (configDigest.isEmpty()) {
            throw new RegistryException("the manifest of " + reference + " names no config");
        }
        JsonNode config = parse(registry.blob(reference, configDigest), reference);
        Map<String, String> labels = new LinkedHashMap<>();
        config.path("config").path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        String os = config.path("os").asText("");
        String architecture = config.path("architecture").asText("");
        java.util.List<String> platforms = MediaTypes.isIndex(top.mediaType())
                ? PlatformSelector.platforms(parse(top.body(), reference)) : java.util.List.of(os + "/" + architecture);
        String created = config.path("created").isTextual() ? config.path("created").asText() : null;
        return java.util.Optional.of(new Published(top.digest(), labels, configDigest, architecture, platforms, created));
    }

    private JsonNode imageManifest(ImageReference reference) {
        Manifest manifest = registry.manifest(reference)
                .orElseThrow(() -> new RegistryException(reference + " is not in registry " + reference.registry()));
        return imageManifest(reference, manifest);
    }

    private JsonNode imageManifest(ImageReference reference, Manifest manifest) {
        if (!MediaTypes.isIndex(manifest.mediaType())) {
            return parse(manifest.body(), reference);
        }
        String platformDigest = PlatformSelector.select(parse(manifest.body(), reference), "linux", "amd64")
                .orElseThrow(() -> new RegistryException("the index " + reference + " lists no image for a platform"));
        return imageManifest(reference.withDigest(platformDigest));
    }

    private static JsonNode parse(byte[] body, ImageReference reference) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new RegistryException("registry " + reference.registry() + " sent malformed JSON for " + reference, e);
        }
    }
}
