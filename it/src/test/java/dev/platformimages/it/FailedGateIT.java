package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A release whose gate fails publishes nothing and leaves latest where it was. */
class FailedGateIT {

    /** Publishes 1.0.0, then forces a release with {@code properties}, which must fail with nothing published. */
    private static ImageProject.Run failedRelease(String scenario, String... properties) {
        Scenario s = Scenario.start(scenario);
        s.publishFirstVersion();
        String latest = s.digest("latest");

        String[] forced = new String[properties.length + 1];
        forced[0] = "platform.force=true";
        System.arraycopy(properties, 0, forced, 1, properties.length);
        ImageProject.Run run = s.project.mvn("deploy", forced);

        assertFalse(run.succeeded(), run::toString);
        assertFalse(run.log.contains("Pushing"), run::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "latest"), s.tags());
        assertEquals(latest, s.digest("latest"));
        s.assertNoLeftovers();
        return run;
    }

    @Test
    void aFailingSelfTestStopsTheRelease() {
        ImageProject.Run run = failedRelease("failed-self-test", "expected.uid=0");
        assertTrue(run.log.contains("self-test failed: '/bin/sh -c test \"$(id -u)\" = 0' exited with 1"), run::toString);
    }

    @Test
    void aFailingHttpProbeStopsTheReleaseAndPrintsTheAppLog() {
        ImageProject.Run run = failedRelease("failed-probe", "probe.path=/cgi-bin/missing");
        assertTrue(run.log.contains("integration test failed: POST /cgi-bin/missing -> 200 containing 'Red': "
                + "expected HTTP 200, got 404"), run::toString);
        assertTrue(run.log.contains("lines of the test app's log:"), run::toString);
    }
}
