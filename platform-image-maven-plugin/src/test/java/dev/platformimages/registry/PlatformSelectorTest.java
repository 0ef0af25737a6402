package dev.platformimages.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlatformSelectorTest {

    /** What docker buildx pushes: two platforms and an attestation manifest per platform. */
    private static final String INDEX = "{\"manifests\":["
            + "{\"digest\":\"sha256:amd\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}},"
            + "{\"digest\":\"sha256:arm\",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}},"
            + "{\"digest\":\"sha256:att\",\"platform\":{\"os\":\"unknown\",\"architecture\":\"unknown\"}}]}";

    private static JsonNode index() throws Exception {
        return new ObjectMapper().readTree(INDEX);
    }

    @Test
    void exactSelectionAndThePlatformsListed() throws Exception {
        assertEquals(Optional.of("sha256:arm"), PlatformSelector.selectExactly(index(), "linux", "arm64"));
        assertEquals(Optional.empty(), PlatformSelector.selectExactly(index(), "linux", "s390x"));
        assertEquals(List.of("linux/amd64", "linux/arm64"), PlatformSelector.platforms(index()));
        assertEquals(Optional.of("sha256:amd"), PlatformSelector.select(index(), "linux", "s390x"), "the lenient one falls back");
    }
}
