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
        Scenario s = Scenario.withConfiguration("bad-notify-env", "<notifications><notification><type>teams</type>"
                + "<urlEnv>TEAMS_URL_NOBODY_SET</urlEnv></notification></notifications>");
        ImageProject.Run run = s.project.mvn("deploy");
        assertFailsWith(s, run, "notifications[0] (teams): environment variable TEAMS_URL_NOBODY_SET (<urlEnv>) is not set or empty");
        assertTrue(run.log.contains("platform-image-maven-plugin:0.1.0-SNAPSHOT:check-update"), "fails in the first goal");
        assertFalse(run.log.contains("Step 1/"), "nothing was built");
    }

    @Test
    void aPlainHttpWebhookOffLocalhostAndAnUnknownChannelTypeAreRefused() {
        Scenario s = Scenario.withConfiguration("bad-notify-http", "<notifications>"
                + "<notification><type>webhook</type><url>http://hooks.example.com/secret-path</url></notification>"
                + "</notifications>");
        ImageProject.Run run = s.project.mvn("deploy");
        assertFailsWith(s, run, "notifications[0] (webhook): the webhook URL for hooks.example.com is http://; only "
                + "https:// is allowed (plain http only for localhost and 127.0.0.0/8)");
        assertFalse(run.log.contains("secret-path"), run::toString);

        Scenario unknown = Scenario.withConfiguration("bad-notify-type", "<notifications><notification>"
                + "<type>msteams</type><url>https://example.com/x</url></notification></notifications>");
        assertFailsWith(unknown, unknown.project.mvn("deploy"),
                "notifications[0]: unknown <type> 'msteams': use teams, slack or webhook");
    }

    private static String app(String name, String dockerfile, String more) {
        return "<integrationTests><integrationTest><name>" + name + "</name><dockerfile>${project.basedir}/" + dockerfile
                + "</dockerfile>" + more + "</integrationTest></integrationTests>";
    }

    @Test
    void badTestAppConfigurationsFailInCheckUpdateBeforeAnythingIsBuilt() {
        String[][] cases = {
            {"bad-gate-replace", app("multi", "test-app/multistage.Dockerfile",
                "<replaceFrom>node:20</replaceFrom><buildArgs><BUILDER>${upstream.image}</BUILDER></buildArgs>"),
                "integrationTests[0] (multi).replaceFrom 'node:20' matches no FROM of"},
            {"bad-gate-regex", app("re", "test-app/Dockerfile", "<expectBodyMatches>(Red</expectBodyMatches>"),
                "integrationTests[0] (re).expectBodyMatches is not a valid regular expression: Unclosed group"},
            {"bad-gate-pointer", app("ptr", "test-app/Dockerfile", "<expectJsonPointer>color</expectJsonPointer>"),
                "integrationTests[0] (ptr).expectJsonPointer is 'color': a JSON pointer starts with /"},
            {"bad-gate-missing", app("gone", "test-app/missing.Dockerfile", ""),
                "integrationTests[0] (gone).dockerfile "},
        };
        for (String[] c : cases) {
            Scenario s = Scenario.withConfiguration(c[0], c[1]);
            ImageProject.Run run = s.project.mvn("deploy");
            assertFailsWith(s, run, c[2]);
            assertTrue(run.log.contains(":check-update"), "fails in check-update\n" + run);
            assertFalse(run.log.contains("Step 1/"), "nothing was built\n" + run);
        }
    }

    @Test
    void aTestAppWhoseFromNeedsAnUnsetArgIsNamed() {
        Scenario s = Scenario.withConfiguration("bad-gate-arg", app("multi", "test-app/multistage.Dockerfile",
                "<replaceFrom>example.invalid/platform/busybox:1.35-stable</replaceFrom>"));
        assertFailsWith(s, s.project.mvn("deploy"), "integrationTests[0] (multi): Dockerfile ");
        assertTrue(s.project.mvn("validate").log.contains("line 5: ARG BUILDER has no default; give it a value in <buildArgs>"));
    }

    @Test
    void aPortTheAppDoesNotExposeFailsBeforeTheTestAppIsBuilt() {
        Scenario s = Scenario.withConfiguration("bad-gate-port", app("web", "test-app/Dockerfile", "<port>9090</port>"));
        ImageProject.Run run = s.project.mvn("deploy");
        assertFailsWith(s, run, "integrationTests[0] (web).port is 9090, but neither the test app's Dockerfile nor the "
                + "image under test EXPOSEs it (exposed: [8080])");
        assertFalse(run.log.contains("Test app web: building"), run::toString);
        s.assertNoLeftovers();
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
