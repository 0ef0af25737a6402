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
        return failedRelease(Scenario.start(scenario), properties);
    }

    /** As above, in a scenario made by the caller. */
    private static ImageProject.Run failedRelease(Scenario s, String... properties) {
        s.publishFirstVersion();
        String latest = s.digest("latest");

        String[] forced = new String[properties.length + 1];
        forced[0] = "platform.force=true";
        System.arraycopy(properties, 0, forced, 1, properties.length);
        ImageProject.Run run = s.project.mvn("deploy", forced);

        assertFalse(run.succeeded(), run::toString);
        assertTrue(run.log.contains("Pushing draft"), "the gates test the pushed draft\n" + run);
        assertEquals(List.of(), s.draftTags(), "the draft that failed is deleted");
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
    void anAppAnswering500StopsTheReleaseAndPrintsItsLog() {
        ImageProject.Run run = failedRelease("failed-500", "probe.path=/cgi-bin/fail");
        assertTrue(run.log.contains("integration test test-app failed: POST /cgi-bin/fail -> 200 containing 'Red': "
                + "expected HTTP 200, got 500: boom"), run::toString);
        assertTrue(run.log.contains("boom: the app cannot start its service"), "the app's stderr is printed\n" + run);
    }

    @Test
    void anAppThatNeverListensTimesOutWithItsLogPrintedAndItsContainerGone() {
        Scenario s = Scenario.withConfiguration("failed-never-listens", "<integrationTests><integrationTest>"
                + "<name>silent</name><dockerfile>${project.basedir}/test-app/never-listens.Dockerfile</dockerfile>"
                + "<timeoutSeconds>4</timeoutSeconds></integrationTest></integrationTests>");
        ImageProject.Run run = s.project.mvn("deploy");
        assertFalse(run.succeeded(), run::toString);
        assertEquals(List.of(), s.tags(), "not even a first version is published");
        assertEquals(List.of(), s.draftTags(), "the draft that failed is deleted");
        s.assertNoLeftovers();
        assertTrue(run.log.contains("integration test silent failed: GET / -> 200: no acceptable answer within 4 s"), run::toString);
        assertTrue(run.log.contains("starting, but never listening"), "the app's log is printed\n" + run);
    }

    @Test
    void buildWarningsFailTheReleaseOnlyWhenAskedTo() {
        Scenario s = Scenario.start("failed-build-warnings");
        s.publishFirstVersion();
        s.project.edit("Dockerfile", "RUN echo 'WARNING: this base is deprecated'\n");
        ImageProject.Run run = s.project.mvn("deploy", "platform.failOnBuildWarnings=true");
        assertFalse(run.succeeded(), run::toString);
        assertTrue(run.log.contains("printed 1 warning(s) and platform.failOnBuildWarnings is set"), run::toString);
        assertTrue(run.log.contains("    WARNING: this base is deprecated"), run::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "latest"), s.tags());

        ImageProject.Run lenient = s.project.mvn("deploy");
        assertTrue(lenient.succeeded(), lenient::toString);
        assertTrue(lenient.log.contains("[WARNING] The build printed 1 warning(s)"), lenient::toString);
        s.assertFloatingTagsOn("1.1.0");
        s.assertNoLeftovers();
    }

    @Test
    void aFailingHttpProbeStopsTheReleaseAndPrintsTheAppLog() {
        ImageProject.Run run = failedRelease("failed-probe", "probe.path=/cgi-bin/missing");
        assertTrue(run.log.contains("integration test test-app failed: POST /cgi-bin/missing -> 200 containing 'Red': "
                + "expected HTTP 200, got 404"), run::toString);
        assertTrue(run.log.contains("lines of the test app's log:"), run::toString);
    }
}
