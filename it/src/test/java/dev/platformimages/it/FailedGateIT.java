package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A release whose gate fails publishes nothing and leaves latest where it was. */
class FailedGateIT {

    private static final List<String> FIRST_RELEASE_TAGS = List.of("1.35-stable", "1.35-stable-1.0.0", "latest");

    @Test
    void aFailingSelfTestStopsTheRelease() {
        Scenario s = Scenario.start("failed-self-test");
        s.publishFirstVersion();
        String latest = s.digest("latest");

        ImageProject.Run run = s.project.mvn("deploy", "platform.force=true", "expected.uid=0");

        assertFalse(run.succeeded(), run::toString);
        assertTrue(run.log.contains("self-test failed: '/bin/sh -c test \"$(id -u)\" = 0' exited with 1"), run::toString);
        assertFalse(run.log.contains("Pushing"), run::toString);
        assertEquals(FIRST_RELEASE_TAGS, s.tags());
        assertEquals(latest, s.digest("latest"));
        s.assertNoLeftovers();
    }

    @Test
    void aFailingHttpProbeStopsTheReleaseAndPrintsTheAppLog() {
        Scenario s = Scenario.start("failed-probe");
        s.publishFirstVersion();
        String latest = s.digest("latest");

        ImageProject.Run run = s.project.mvn("deploy", "platform.force=true", "probe.path=/cgi-bin/missing");

        assertFalse(run.succeeded(), run::toString);
        assertTrue(run.log.contains("integration test failed: POST /cgi-bin/missing -> 200 containing 'Red': "
                + "expected HTTP 200, got 404"), run::toString);
        assertTrue(run.log.contains("lines of the test app's log:"), run::toString);
        assertEquals(FIRST_RELEASE_TAGS, s.tags());
        assertEquals(latest, s.digest("latest"));
        s.assertNoLeftovers();
    }
}
