package dev.platformimages.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReferrersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE = "sha256:" + "a".repeat(64);

    @Test
    void theFallbackTagIsTheSubjectDigestWithADash() {
        assertEquals("sha256-" + "a".repeat(64), Referrers.fallbackTag(IMAGE));
        assertEquals("sha512-" + "b".repeat(64), Referrers.fallbackTag("sha512:" + "b".repeat(128)), "at most 64 characters");
        assertThrows(IllegalArgumentException.class, () -> Referrers.fallbackTag("latest"));
    }

    @Test
    void theEmptyDescriptorIsTheDigestOfTwoBraces() {
        assertEquals(Referrers.EMPTY_DIGEST, HttpRegistryClient.sha256(Referrers.EMPTY_CONTENT));
    }

    @Test
    void anArtifactManifestHasItsTypeTheEmptyConfigOneLayerAndItsSubject() throws Exception {
        byte[] manifest = Referrers.artifactManifest("application/vnd.example+json",
                new Referrers.Descriptor("application/vnd.example+json", "sha256:" + "c".repeat(64), 42),
                new Referrers.Descriptor(MediaTypes.OCI_INDEX, IMAGE, 900), Map.of("org.opencontainers.image.created", "2026-12-01T00:00:00Z"));
        JsonNode json = JSON.readTree(manifest);
        assertEquals(MediaTypes.OCI_MANIFEST, json.path("mediaType").asText());
        assertEquals("application/vnd.example+json", json.path("artifactType").asText());
        assertEquals(Referrers.EMPTY_MEDIA_TYPE, json.path("config").path("mediaType").asText());
        assertEquals(2, json.path("config").path("size").asInt());
        assertEquals(1, json.path("layers").size());
        assertEquals(IMAGE, json.path("subject").path("digest").asText());
        assertEquals(MediaTypes.OCI_INDEX, json.path("subject").path("mediaType").asText());
        assertEquals("2026-12-01T00:00:00Z", json.path("annotations").path("org.opencontainers.image.created").asText());
    }

    @Test
    void theReferrersListGainsOneEntryAndReplacesOneOfTheSameDigest() throws Exception {
        Referrers.Descriptor first = new Referrers.Descriptor(MediaTypes.OCI_MANIFEST, "sha256:" + "1".repeat(64), 10,
                "application/vnd.one+json", Map.of("k", "v"));
        Referrers.Descriptor second = new Referrers.Descriptor(MediaTypes.OCI_MANIFEST, "sha256:" + "2".repeat(64), 20,
                "application/vnd.two+json", null);
        byte[] one = Referrers.withReferrer(null, first);
        byte[] two = Referrers.withReferrer(one, second);
        byte[] again = Referrers.withReferrer(two, first);
        JsonNode index = JSON.readTree(again);
        assertEquals(MediaTypes.OCI_INDEX, index.path("mediaType").asText());
        assertEquals(2, index.path("manifests").size());
        assertEquals("application/vnd.two+json", index.path("manifests").get(0).path("artifactType").asText());
        assertEquals("v", index.path("manifests").get(1).path("annotations").path("k").asText());
        JsonNode fromGarbage = JSON.readTree(Referrers.withReferrer("not json".getBytes(StandardCharsets.UTF_8), second));
        assertEquals(1, fromGarbage.path("manifests").size());
    }
}
