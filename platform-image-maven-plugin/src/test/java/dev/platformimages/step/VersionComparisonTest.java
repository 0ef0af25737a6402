package dev.platformimages.step;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VersionComparisonTest {

    @Test
    void theLabelsOfTwoVersionsSayWhatChangedInTheDefinitionAndTheBases() {
        Map<String, String> before = Map.of("dev.platformimages.definition.hash", "sha256:aa", "org.opencontainers.image.revision", "1111",
                "dev.platformimages.bases", "mcr.microsoft.com/dotnet/runtime:8.0@sha256:r1,docker.io/library/busybox:1@sha256:b1");
        Map<String, String> after = Map.of("dev.platformimages.definition.hash", "sha256:bb", "org.opencontainers.image.revision", "2222",
                "dev.platformimages.bases", "mcr.microsoft.com/dotnet/runtime:8.0@sha256:r2,docker.io/library/alpine:3@sha256:a1");
        assertEquals(List.of("definition changed from sha256:aa to sha256:bb", "source revision changed from 1111 to 2222",
                "base docker.io/library/alpine:3 added (sha256:a1)", "base docker.io/library/busybox:1 removed (was sha256:b1)",
                "base mcr.microsoft.com/dotnet/runtime:8.0 changed from sha256:r1 to sha256:r2"),
                VersionComparison.labelChanges(before, after));
        assertEquals(List.of(), VersionComparison.labelChanges(before, before));
    }
}
