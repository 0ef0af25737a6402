package dev.platformimages.service;

import dev.platformimages.registry.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrunerTest {

    private static final String REPO = "platform/busybox";
    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final RecordingLog log = new RecordingLog();
    private final ReleaseTarget target = new ReleaseTarget("127.0.0.1:5000", REPO, "1.35-stable", List.of());

    @BeforeEach
    void fiveVersionsWithTheFloatingTagsRolledBackToTheThird() {
        for (int minor = 0; minor < 5; minor++) {
            Manifest m = PublisherTest.manifest("sha256:cfg" + minor, "sha256:layer" + minor);
            registry.put(REPO, "1.35-stable-1." + minor + ".0", m, "sha256:cfg" + minor);
        }
        Manifest third = registry.manifests.get(REPO).get("sha256:m-cfg2");
        registry.put(REPO, "latest", third);
        registry.put(REPO, "1.35-stable", third);
    }

    private Pruner pruner() {
        return new Pruner(registry, log);
    }

    @Test
    void versionsBeyondTheNewestKGoExceptWhatAFloatingTagPointsAt() {
        Pruner.Result result = pruner().prune(target, 2, 7, false, Instant.now());
        assertEquals(List.of("1.35-stable-1.1.0", "1.35-stable-1.0.0"), result.deleted());
        assertEquals(List.of("1.35-stable-1.2.0 (a floating tag points at it)"), result.kept());
        assertEquals(Optional.empty(), registry.digest(REPO, "1.35-stable-1.0.0"));
        assertEquals(Optional.of("sha256:m-cfg2"), registry.digest(REPO, "1.35-stable-1.2.0"));
        assertEquals(Optional.of("sha256:m-cfg4"), registry.digest(REPO, "1.35-stable-1.4.0"));
    }

    @Test
    void aDryRunDeletesNothing() {
        Pruner.Result result = pruner().prune(target, 1, 7, true, Instant.now());
        assertEquals(List.of("1.35-stable-1.3.0", "1.35-stable-1.1.0", "1.35-stable-1.0.0"), result.deleted());
        assertTrue(registry.calls.stream().noneMatch(c -> c.startsWith("DELETE")), registry.calls::toString);
        assertTrue(log.messages().contains("Dry run: would delete 3 image(s); kept 1 that the rules protect"), log.lines::toString);
    }

    @Test
    void badRetentionSettingsAndARegistryWithoutDeletesAreClearErrors() {
        assertEquals("platform.prune.keepVersions is 0: keep at least 1 version",
                assertThrows(ReleaseFailure.class, () -> pruner().prune(target, 0, 7, false, Instant.now())).getMessage());
        assertEquals("platform.prune.draftDays is -1: use 0 or more days",
                assertThrows(ReleaseFailure.class, () -> pruner().prune(target, 1, -1, false, Instant.now())).getMessage());
        registry.refuseDeletes = true;
        assertTrue(assertThrows(ReleaseFailure.class, () -> pruner().prune(target, 4, 7, false, Instant.now())).getMessage()
                .contains("enable deletes in the registry"));
    }
}
