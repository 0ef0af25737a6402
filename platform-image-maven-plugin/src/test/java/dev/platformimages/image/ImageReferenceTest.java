package dev.platformimages.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageReferenceTest {

    @ParameterizedTest
    @CsvSource({
            "busybox, docker.io/library/busybox:latest",
            "node:20, docker.io/library/node:20",
            "bitnami/redis:7, docker.io/bitnami/redis:7",
            "docker.io/busybox, docker.io/library/busybox:latest",
            "index.docker.io/library/busybox:1, docker.io/library/busybox:1",
            "mcr.microsoft.com/dotnet/runtime:8.0-bookworm-slim, mcr.microsoft.com/dotnet/runtime:8.0-bookworm-slim",
            "localhost/app:1, localhost/app:1",
            "my-registry.corp.local:5000/a/b:1, my-registry.corp.local:5000/a/b:1",
            "Registry/app:1, registry/app:1",
            "[::1]:5000/app:1, [::1]:5000/app:1",
            "127.0.0.1:5000/upstream/busybox:stable, 127.0.0.1:5000/upstream/busybox:stable",
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform/node:20-1.0.0, 123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform/node:20-1.0.0",
    })
    void normalisesLikeDocker(String input, String canonical) {
        assertEquals(canonical, ImageReference.parse(input).toString());
    }

    @Test
    void digestAndTag() {
        String digest = "sha256:" + "0".repeat(64);
        ImageReference ref = ImageReference.parse("registry.local:5000/a/b:1.0@" + digest);
        assertEquals("registry.local:5000", ref.registry());
        assertEquals("a/b", ref.repository());
        assertEquals("1.0", ref.tag());
        assertEquals(digest, ref.digest());
        assertEquals(digest, ref.manifestReference());
        ImageReference byDigest = ImageReference.parse("busybox@" + digest);
        assertEquals(null, byDigest.tag());
    }

    @Test
    void dockerHubApiHost() {
        assertEquals("registry-1.docker.io", ImageReference.parse("busybox").apiHost());
        assertEquals("ghcr.io", ImageReference.parse("ghcr.io/x/y").apiHost());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Upper/Case", "a/UPPER", "dock..er/x", "dock-.er/x", "-dock.er/x", "dock.er-/x", "[::1/x", "a//b", "a/b:bad tag", "a@sha256:123", "a/-b", "a/b:"})
    void rejectsInvalid(String input) {
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(input));
    }

    @Test
    void loopbackHosts() {
        assertTrue(ImageReference.isLoopbackHost("localhost:5000"));
        assertTrue(ImageReference.isLoopbackHost("127.0.0.1:5000"));
        assertTrue(ImageReference.isLoopbackHost("127.1.2.3"));
        assertTrue(ImageReference.isLoopbackHost("[::1]:5000"));
        assertFalse(ImageReference.isLoopbackHost("127.0.0.1.nip.io"));
        assertFalse(ImageReference.isLoopbackHost("localhost.example.com"));
        assertFalse(ImageReference.isLoopbackHost("10.0.0.1:5000"));
    }

    @Test
    void registryParameterIsHostAndPortOnly() {
        assertEquals("127.0.0.1:5000", ImageReference.validateRegistry(" 127.0.0.1:5000 "));
        for (String bad : new String[]{"https://ecr.example.com", "host/path", "", "host:port:x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.validateRegistry(bad));
            assertTrue(e.getMessage().contains("platform.registry"), e.getMessage());
        }
    }

    @Test
    void basesLabelRoundTrip() {
        Map<String, String> bases = new java.util.LinkedHashMap<>();
        bases.put("docker.io/library/node:20", "sha256:" + "1".repeat(64));
        bases.put("a.io/x/y@sha256:" + "2".repeat(64), "sha256:" + "2".repeat(64));
        assertEquals(bases, ImageLabels.decodeBases(ImageLabels.encodeBases(bases)));
        assertTrue(ImageLabels.decodeBases(null).isEmpty());
        assertTrue(ImageLabels.decodeBases("garbage,@x").isEmpty());
    }
}
