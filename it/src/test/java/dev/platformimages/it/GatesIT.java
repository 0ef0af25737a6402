package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several named gates: self-tests, a test app with a HEALTHCHECK, and a multi-stage app tested through replaceFrom. */
class GatesIT {

    static final String MORE_GATES = ""
            + "<selfTests>"
            + "  <selfTest><name>not root</name><shell>test \"$(id -u)\" != 0</shell></selfTest>"
            + "  <selfTest><name>busybox runs</name><command><arg>/bin/busybox</arg><arg>true</arg></command></selfTest>"
            + "</selfTests>"
            + "<integrationTests>"
            + "  <integrationTest>"
            + "    <name>healthy</name>"
            + "    <dockerfile>${project.basedir}/test-app/healthy.Dockerfile</dockerfile>"
            + "    <waitForHealthy>true</waitForHealthy>"
            + "    <path>/cgi-bin/whoami</path>"
            + "    <headers><Accept>application/json</Accept></headers>"
            + "    <expectStatus>2xx</expectStatus>"
            + "    <expectBodyMatches>\"user\":\"app\"</expectBodyMatches>"
            + "    <timeoutSeconds>30</timeoutSeconds>"
            + "  </integrationTest>"
            + "  <integrationTest>"
            + "    <name>multistage</name>"
            + "    <dockerfile>${project.basedir}/test-app/multistage.Dockerfile</dockerfile>"
            + "    <replaceFrom>example.invalid/platform/busybox:1.35-stable</replaceFrom>"
            + "    <buildArgs><BUILDER>${upstream.image}</BUILDER></buildArgs>"
            + "    <path>/cgi-bin/whoami</path>"
            + "    <expectJsonPointer>/uid</expectJsonPointer>"
            + "    <expectJsonValue>1000</expectJsonValue>"
            + "    <timeoutSeconds>20</timeoutSeconds>"
            + "  </integrationTest>"
            + "</integrationTests>";

    @Test
    void everyGateRunsNamedAndTheMultiStageAppRunsOnTheNewImage() throws Exception {
        Scenario s = Scenario.withConfiguration("gates", MORE_GATES);
        String source = Files.readString(s.project.dir.resolve("test-app/multistage.Dockerfile"));

        ImageProject.Run run = s.project.mvn("deploy");

        assertTrue(run.succeeded(), run::toString);
        assertTrue(run.log.contains("Self-test passed"), run::toString);
        assertTrue(run.log.contains(": not root"), run::toString);
        assertTrue(run.log.contains(": busybox runs"), run::toString);
        assertTrue(run.log.contains("Test app healthy is healthy after"), run::toString);
        // Only the runtime stage's FROM was replaced, in a copy: the source is untouched.
        // The image under test is the draft, by digest.
        assertTrue(java.util.regex.Pattern.compile("Test app multistage: line 7 now reads 'FROM "
                + java.util.regex.Pattern.quote(ImageProject.REGISTRY + "/" + s.project.repository + "-drafts@")
                + "sha256:[0-9a-f]{64} AS runtime' \\(stage runtime\\)").matcher(run.log).find(), run::toString);
        assertEquals(source, Files.readString(s.project.dir.resolve("test-app/multistage.Dockerfile")));
        assertTrue(run.log.contains("Integration test multistage passed"), run::toString);
        assertTrue(run.log.contains("All 6 gate(s) passed"), run::toString);
        s.assertFloatingTagsOn("1.0.0");
        s.assertNoLeftovers();
    }
}
