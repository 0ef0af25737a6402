package dev.platformimages.step;

import dev.platformimages.image.ImageLabels;
import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.HttpRegistryClient;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.MediaTypes;
import dev.platformimages.release.ReleaseTarget;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The newest version in two requests after the tag list when the image's own tag points at it; every other state read in full. */
class NewestVersionTest {

    private static final String REPOSITORY = "platform/node-20";
    private final InMemoryRegistry registry = new InMemoryRegistry();

    /** An image labelled with {@code version} (none when null); returns its manifest's digest. */
    private String image(String version, String... tags) {
        String labels = version == null ? "{}" : "{\"" + ImageLabels.VERSION + "\":\"" + version + "\"}";
        byte[] config = ("{\"os\":\"linux\",\"architecture\":\"amd64\",\"config\":{\"Labels\":" + labels + "},\"created\":\""
                + (version == null ? "old" : version) + "\"}").getBytes(StandardCharsets.UTF_8);
        String configDigest = registry.putBlob(ImageReference.of("registry.example.com", REPOSITORY, null), config);
        byte[] body = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length
                + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
        Manifest manifest = new Manifest(body, MediaTypes.OCI_MANIFEST, HttpRegistryClient.sha256(body));
        for (String tag : tags) {
            registry.put(REPOSITORY, tag, manifest, configDigest);
        }
        return manifest.digest();
    }

    private NewestVersion.Found read(List<String> extraTags) {
        ReleaseTarget target = new ReleaseTarget("registry.example.com", REPOSITORY, "20", extraTags);
        registry.calls.clear();
        return NewestVersion.read(registry, target, registry.tags("registry.example.com", REPOSITORY)).orElseThrow();
    }

    @Test
    void theImagesOwnTagPointingAtTheNewestVersionIsReadOnce() {
        image("1.0.0", "20-1.0.0");
        String newest = image("1.0.1", "20-1.0.1", "latest", "20");
        NewestVersion.Found found = read(List.of());
        assertEquals("20-1.0.1", found.version().tag());
        assertEquals(newest, found.image().digest());
        assertEquals("1.0.1", found.image().labels().get(ImageLabels.VERSION));
        assertTrue(found.lastFloatingRead());
        assertEquals(newest, found.lastFloatingDigest());
        assertEquals(List.of("GET platform/node-20:20"), registry.calls, "the manifest of the tag, then its config");
    }

    @Test
    void aRolledBackOrIncompleteReleaseReadsTheNewestVersionByItsOwnTag() {
        String older = image("1.0.0", "20-1.0.0", "latest", "20");
        String newest = image("1.0.1", "20-1.0.1");
        NewestVersion.Found found = read(List.of());
        assertEquals(newest, found.image().digest(), "the newest version's labels, not the floating tag's");
        assertEquals(older, found.lastFloatingDigest(), "where the floating tag points, for the promotion check");
        assertEquals(List.of("GET platform/node-20:20", "GET platform/node-20:20-1.0.1"), registry.calls);
    }

    @Test
    void anImageWithoutAVersionLabelIsReadByItsVersionTag() {
        String newest = image(null, "20-1.0.0", "latest", "20");
        NewestVersion.Found found = read(List.of());
        assertEquals(newest, found.image().digest());
        assertEquals(newest, found.lastFloatingDigest());
        assertEquals(List.of("GET platform/node-20:20", "GET platform/node-20:20-1.0.0"), registry.calls);
    }

    @Test
    void aMissingFloatingTagIsKnownFromTheTagList() {
        String newest = image("1.0.0", "20-1.0.0", "latest");
        NewestVersion.Found found = read(List.of());
        assertEquals(newest, found.image().digest());
        assertTrue(found.lastFloatingRead());
        assertNull(found.lastFloatingDigest());
        assertEquals(List.of("GET platform/node-20:20-1.0.0"), registry.calls);
    }

    @Test
    void anExtraFloatingTagMovedLastIsLeftToTheCheck() {
        // An extra tag may be shared with another image's line: its label proves nothing.
        image("1.0.0", "20-1.0.0", "latest", "20", "lts");
        NewestVersion.Found found = read(List.of("lts"));
        assertFalse(found.lastFloatingRead());
        assertEquals(List.of("GET platform/node-20:20-1.0.0"), registry.calls);
    }
}
