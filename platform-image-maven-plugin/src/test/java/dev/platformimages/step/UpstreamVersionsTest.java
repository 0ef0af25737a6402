package dev.platformimages.step;

import dev.platformimages.registry.HttpRegistryClient;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.MediaTypes;
import dev.platformimages.release.ReleaseState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UpstreamVersionsTest {

    private final InMemoryRegistry registry = new InMemoryRegistry();

    private String image(String repository, String version) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{"
                + (version == null ? "" : "\"org.opencontainers.image.version\":\"" + version + "\"") + "}}}").getBytes(StandardCharsets.UTF_8);
        String configDigest = HttpRegistryClient.sha256(config);
        registry.blobContents.put(configDigest, config);
        byte[] body = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length
                + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
        Manifest manifest = new Manifest(body, MediaTypes.OCI_MANIFEST, HttpRegistryClient.sha256(body));
        registry.put(repository, null, manifest, configDigest);
        return manifest.digest();
    }

    @Test
    void aChangedBaseSaysItsUpstreamVersionBeforeAndAfter() {
        String old = image("library/node", "20.18.0");
        String now = image("library/node", "20.18.1");
        String unlabelled = image("library/busybox", null);
        String unlabelledNow = image("library/busybox", null);
        ReleaseState state = new ReleaseState();
        state.previousBaseDigests.put("docker.io/library/node:20", old);
        state.baseDigests.put("docker.io/library/node:20", now);
        state.previousBaseDigests.put("docker.io/library/busybox:1", unlabelled);
        state.baseDigests.put("docker.io/library/busybox:1", unlabelledNow);
        state.baseDigests.put("docker.io/library/alpine:3", "sha256:new");

        assertEquals(List.of("base docker.io/library/node:20 version 20.18.0 -> 20.18.1 (org.opencontainers.image.version)"),
                new UpstreamVersions(registry).changes(state));
    }
}
