package dev.platformimages.image;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistryMirrorsTest {

    private final RegistryMirrors mirrors = RegistryMirrors.parse(
            "docker.io=123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/, mcr.microsoft.com=localhost:5000/mirror/mcr,"
                    + "ghcr.io=ghcr-cache.internal");

    @Test
    void anUpstreamImageIsFetchedUnderItsMirrorsName() {
        assertEquals("123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/library/node:20",
                mirrors.mirrorOf(ImageReference.parse("node:20")).orElseThrow().toString());
        assertEquals("localhost:5000/mirror/mcr/dotnet/runtime:8.0-bookworm-slim",
                mirrors.mirrorOf(ImageReference.parse("mcr.microsoft.com/dotnet/runtime:8.0-bookworm-slim")).orElseThrow().toString());
        assertEquals("ghcr-cache.internal/acme/tool@sha256:" + "a".repeat(64),
                mirrors.mirrorOf(ImageReference.parse("ghcr.io/acme/tool@sha256:" + "a".repeat(64))).orElseThrow().toString());
        assertEquals(Optional.empty(), mirrors.mirrorOf(ImageReference.parse("quay.io/x/y:1")));
        assertTrue(RegistryMirrors.parse(" ").isEmpty());
    }

    @Test
    void malformedMappingsAreQuotedWithTheFormToUse() {
        assertEquals("platform.mirrors has 'docker.io': write upstream=mirror, for example docker.io=mirror.example.com/docker-hub",
                assertThrows(IllegalArgumentException.class, () -> RegistryMirrors.parse("docker.io")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RegistryMirrors.parse("docker.io=https://m.example.com"))
                .getMessage().contains("without scheme"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RegistryMirrors.parse("docker.io/library=m.example.com"))
                .getMessage().contains("the upstream side is a registry host"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RegistryMirrors.parse("docker.io=a.example,docker.io=b.example"))
                .getMessage().contains("names docker.io twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RegistryMirrors.parse("docker.io=bad host/x"))
                .getMessage().contains("'bad host' is not a registry host"));
    }
}
