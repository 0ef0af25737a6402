package dev.platformimages.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No release without a gate: an image with no self-test, its test app left out by platform.skipTestApps, is refused
 * in check-update before anything is built; with platform.allowUntested=true it is published, labelled untested, and
 * status says so.
 */
class UntestedIT {

    private static final String TEST_APP = "<integrationTest><dockerfile>${project.basedir}/test-app/Dockerfile</dockerfile>"
            + "<port>8080</port><method>POST</method><path>/cgi-bin/my-service</path><body>{\"color\":\"Red\"}</body>"
            + "<contentType>application/json</contentType><expectBodyContains>Red</expectBodyContains>"
            + "<timeoutSeconds>20</timeoutSeconds></integrationTest>";

    @Test
    void aReleaseNoGateWouldTestIsRefusedBeforeTheBuildAndOnlyAnExplicitOptOutPublishesIt() throws Exception {
        Scenario s = Scenario.fromTemplate("untested", "busybox-untested", TEST_APP);
        String image = ImageProject.REGISTRY + "/" + s.project.repository;

        ImageProject.Run refused = s.project.mvn("deploy", "platform.skipTestApps=true");
        assertFalse(refused.succeeded(), refused::toString);
        assertTrue(refused.log.contains("no gate would test " + image + " before it is published: it has no self-test and "
                + "platform.skipTestApps=true leaves out its test apps. Add a self-test"), refused::toString);
        assertEquals(List.of(), s.tags(), "nothing published");
        assertEquals(List.of(), s.draftTags(), "no draft: nothing was built");
        assertFalse(Files.exists(s.project.dir.resolve("target/platform-image/state.json")), "check-update wrote no release");

        ImageProject.Run allowed = s.project.mvn("deploy", "platform.skipTestApps=true", "platform.allowUntested=true");
        assertTrue(allowed.succeeded(), allowed::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "latest"), s.tags());
        assertEquals("true", LocalRegistry.labels(s.project.repository, "1.35-stable-1.0.0").get("dev.platformimages.untested"));

        ImageProject.Run status = s.project.mvn("platform-image:status");
        assertTrue(status.succeeded(), status::toString);
        JsonNode row = new ObjectMapper().readTree(s.project.dir.resolve("target/platform-image-status.json").toFile())
                .path("images").get(0);
        assertTrue(row.path("newestUntested").asBoolean(), row::toString);
        s.assertNoLeftovers();
    }

    @Test
    void theTestAppIsAGateSoTheSameImageWithItNeedsNoOptOut() {
        Scenario s = Scenario.fromTemplate("gated", "busybox-untested", TEST_APP);
        ImageProject.Run run = s.project.mvn("deploy");
        assertTrue(run.succeeded(), run::toString);
        assertEquals(null, LocalRegistry.labels(s.project.repository, "1.35-stable-1.0.0").get("dev.platformimages.untested"));
        s.assertNoLeftovers();
    }
}
