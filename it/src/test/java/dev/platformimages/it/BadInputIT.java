package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input fails the build with a message that names what is wrong, and publishes nothing. */
class BadInputIT {

    private static void assertFailsWith(Scenario s, ImageProject.Run run, String message) {
        assertFalse(run.succeeded(), run::toString);
        assertTrue(run.log.contains(message), "expected '" + message + "' in\n" + run);
        assertEquals(List.of(), s.tags(), "nothing is published");
    }

    @Test
    void missingDockerfile() throws IOException {
        Scenario s = Scenario.start("bad-no-dockerfile");
        Files.delete(s.project.dir.resolve("Dockerfile"));
        assertFailsWith(s, s.project.mvn("deploy"), "Dockerfile does not exist: put a Dockerfile in the module folder "
                + "or point <dockerfile> (property platform.dockerfile) at one");
    }

    @Test
    void fromAnImageTheRegistryDoesNotKnow() {
        Scenario s = Scenario.start("bad-unknown-from");
        String missing = ImageProject.REGISTRY + "/it-upstream/does-not-exist:1";
        assertFailsWith(s, s.project.mvn("deploy", "upstream.image=" + missing),
                "Dockerfile line 2: upstream image " + missing + " does not exist in registry " + ImageProject.REGISTRY);
    }

    @Test
    void unreachableRegistry() {
        Scenario s = Scenario.start("bad-unreachable");
        ImageProject.Run run = s.project.mvn("deploy", "platform.registry=127.0.0.1:1");
        assertFalse(run.succeeded(), run::toString);
        assertTrue(run.log.contains("(platform.registry, platform.repository): cannot reach registry 127.0.0.1:1"), run::toString);
    }

    @Test
    void aNotificationWhoseVariableIsUnsetFailsBeforeAnythingIsBuilt() {
        Scenario s = Scenario.withNotifications("bad-notify-env", "<notifications><notification><type>teams</type>"
                + "<urlEnv>TEAMS_URL_NOBODY_SET</urlEnv></notification></notifications>");
        ImageProject.Run run = s.project.mvn("deploy");
        assertFailsWith(s, run, "notifications[0] (teams): environment variable TEAMS_URL_NOBODY_SET (<urlEnv>) is not set or empty");
        assertTrue(run.log.contains("platform-image-maven-plugin:0.1.0-SNAPSHOT:check-update"), "fails in the first goal");
        assertFalse(run.log.contains("Step 1/"), "nothing was built");
    }

    @Test
    void aPlainHttpWebhookOffLocalhostAndAnUnknownChannelTypeAreRefused() {
        Scenario s = Scenario.withNotifications("bad-notify-http", "<notifications>"
                + "<notification><type>webhook</type><url>http://hooks.example.com/secret-path</url></notification>"
                + "</notifications>");
        ImageProject.Run run = s.project.mvn("deploy");
        assertFailsWith(s, run, "notifications[0] (webhook): the webhook URL for hooks.example.com is http://; only "
                + "https:// is allowed (plain http only for localhost and 127.0.0.0/8)");
        assertFalse(run.log.contains("secret-path"), run::toString);

        Scenario unknown = Scenario.withNotifications("bad-notify-type", "<notifications><notification>"
                + "<type>msteams</type><url>https://example.com/x</url></notification></notifications>");
        assertFailsWith(unknown, unknown.project.mvn("deploy"),
                "notifications[0]: unknown <type> 'msteams': use teams, slack or webhook");
    }

    @Test
    void invalidTag() {
        Scenario s = Scenario.start("bad-tag");
        assertFailsWith(s, s.project.mvn("deploy", "platform.tag=-bad"), "platform.tag is '-bad'");
    }

    @Test
    void invalidBump() {
        Scenario s = Scenario.start("bad-bump");
        assertFailsWith(s, s.project.mvn("deploy", "platform.bump=huge"),
                "platform.bump is 'huge': use major, minor or patch");
    }

    @Test
    void noDockerEngineWhenABuildIsDue() {
        Scenario s = Scenario.start("bad-no-engine");
        ImageProject.Run run = s.project.mvn(ImageProject.env("DOCKER_HOST", "unix:///nonexistent/docker.sock"), "deploy");
        assertFailsWith(s, run, "no Docker engine answers at unix:///nonexistent/docker.sock");
        assertTrue(run.log.contains("point DOCKER_HOST at a running engine"), run::toString);
    }
}
