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
        String configDigest = configDigest(reference);
        JsonNode config = parse(registry.blob(reference, configDigest), reference);
        Map<String, String> labels = new LinkedHashMap<>();
        config.path("config").path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private JsonNode imageManifest(ImageReference reference) {
        Manifest manifest = registry.manifest(reference)
                .orElseThrow(() -> new RegistryException(reference + " is not in registry " + reference.registry()));
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
