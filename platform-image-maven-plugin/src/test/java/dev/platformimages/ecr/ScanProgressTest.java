package dev.platformimages.ecr;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.model.ScanStatus;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every scan status ECR's model knows, with and without a completed scan. */
class ScanProgressTest {

    @Test
    void eachStatusWaitsFinishesOrFails() {
        Instant scanned = Instant.parse("2026-12-01T10:00:00Z");
        for (ScanStatus status : ScanStatus.knownValues()) {
            ScanProgress.State expected = switch (status) {
                case PENDING, IN_PROGRESS -> ScanProgress.State.WAIT;
                case COMPLETE -> ScanProgress.State.DONE;
                case ACTIVE -> ScanProgress.State.DONE;
                default -> ScanProgress.State.FAILED;
            };
            ScanProgress progress = ScanProgress.of(status.toString(), "why", scanned);
            assertEquals(expected, progress.state(), status.toString());
            if (expected == ScanProgress.State.FAILED) {
                assertTrue(progress.reason().startsWith(status + ": ") && progress.reason().endsWith(" (why)"), progress.reason());
            }
        }
    }

    @Test
    void activeWithoutACompletedScanIsNotAResultYet() {
        assertEquals(ScanProgress.State.WAIT, ScanProgress.of("ACTIVE", "Continuous scan is selected for image.", null).state());
        assertEquals(ScanProgress.State.WAIT, ScanProgress.of(null, null, null).state());
        assertEquals(ScanProgress.State.DONE, ScanProgress.of("COMPLETE", null, null).state());
        assertEquals(ScanProgress.State.FAILED, ScanProgress.of("SOMETHING_NEW", null, null).state());
    }
}
