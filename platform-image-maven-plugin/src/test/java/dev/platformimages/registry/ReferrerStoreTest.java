package dev.platformimages.registry;

import dev.platformimages.image.ImageReference;
import dev.platformimages.step.InMemoryRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferrerStoreTest {

    private static final String TYPE = "application/vnd.example.notes+json";
    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final ReferrerStore store = new ReferrerStore(registry);
    private final ImageReference repository = ImageReference.of("registry.example.com", "platform/node", null);

    private Manifest image(String text) {
        byte[] body = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"layers\":[],\"x\":\"" + text + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        Manifest manifest = new Manifest(body, MediaTypes.OCI_MANIFEST, HttpRegistryClient.sha256(body));
        registry.put("platform/node", "1." + text, manifest);
        return manifest;
    }

    @Test
    void withoutAReferrersApiTheArtifactsAreListedUnderTheTagSchemaAndFoundAgain() {
        Manifest image = image("0");
        Manifest other = image("1");
        String first = store.attach(repository, image, TYPE, TYPE, "one".getBytes(StandardCharsets.UTF_8), Map.of("k", "v"));
        String second = store.attach(repository, image, TYPE, TYPE, "two".getBytes(StandardCharsets.UTF_8), Map.of());
        store.attach(repository, image, "application/other", "text/plain", "x".getBytes(StandardCharsets.UTF_8), Map.of());

        String listTag = Referrers.fallbackTag(image.digest());
        assertTrue(registry.tags("registry.example.com", "platform/node").contains(listTag));
        List<ReferrerStore.Artifact> found = store.find(repository.withDigest(image.digest()), TYPE);
        assertEquals(List.of(first, second), found.stream().map(ReferrerStore.Artifact::digest).toList());
        assertEquals(Map.of("k", "v"), found.get(0).annotations());
        assertArrayEquals("two".getBytes(StandardCharsets.UTF_8), store.content(repository, found.get(1)));
        assertTrue(store.find(repository.withDigest(other.digest()), TYPE).isEmpty(), "another image has none");
    }

    @Test
    void deletingWhatIsKeptWithAnImageRemovesItsArtifactsAndItsList() {
        Manifest image = image("0");
        String artifact = store.attach(repository, image, TYPE, TYPE, "one".getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(1, store.deleteAll(repository.withDigest(image.digest())));
        assertFalse(registry.tags("registry.example.com", "platform/node").contains(Referrers.fallbackTag(image.digest())));
        assertTrue(registry.manifest(repository.withDigest(artifact)).isEmpty());
        assertTrue(registry.manifest(repository.withDigest(image.digest())).isPresent(), "the image itself is the caller's");
    }

    @Test
    void theFallbackTagIsRecognisedAndNothingElse() {
        assertTrue(Referrers.isFallbackTag(Referrers.fallbackTag("sha256:" + "ab".repeat(32))));
        assertFalse(Referrers.isFallbackTag("sha256-" + "AB".repeat(32)));
        assertFalse(Referrers.isFallbackTag("sha256-" + "ab".repeat(32) + ".sig"));
        assertFalse(Referrers.isFallbackTag("8.0-bookworm-slim-1.4.0"));
    }
}
