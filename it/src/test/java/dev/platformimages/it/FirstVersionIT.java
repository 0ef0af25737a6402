package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flow 1: an image nobody published yet. */
class FirstVersionIT {

    @Test
    void firstDeployPublishesOneZeroZeroWithLatestAndTheTagOnTheSameDigest() {
        Scenario s = Scenario.start("first-version");
        ImageProject.Run run = s.publishFirstVersion();

        assertTrue(run.log.contains("FIRST_VERSION: no version of '1.35-stable' is published yet"), run::toString);
        assertTrue(run.log.contains("Self-test passed"), run::toString);
        assertTrue(run.log.contains("Integration test test-app passed"), run::toString);
        // What was tested is what was published, byte for byte: the draft's manifest digest.
        java.util.regex.Matcher draft = java.util.regex.Pattern.compile("Draft \\S+ is (sha256:[0-9a-f]{64}): the gates test this digest")
                .matcher(run.log);
        assertTrue(draft.find(), run::toString);
        assertEquals(draft.group(1), s.digest("1.35-stable-1.0.0"));
        s.assertFloatingTagsOn("1.0.0");

        Map<String, String> labels = LocalRegistry.labels(s.project.repository, "1.35-stable-1.0.0");
        assertEquals(s.upstream, labels.get("org.opencontainers.image.base.name"));
        assertEquals(s.upstreamDigest(), labels.get("org.opencontainers.image.base.digest"));
        assertEquals("1.0.0", labels.get("org.opencontainers.image.version"));
        assertTrue(labels.get("dev.platformimages.definition.hash").startsWith("sha256:"), labels::toString);
        assertEquals(s.upstream + "@" + s.upstreamDigest(), labels.get("dev.platformimages.bases"));
        assertTrue(labels.get("org.opencontainers.image.created").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), labels::toString);
        assertTrue(run.log.contains("digest:        " + s.digest("latest")), "push prints the digest it published");
        s.assertNoLeftovers();
    }

    /**
     * The split run of a CI job with a build stage and a release stage: {@code mvn package} builds and publishes
     * nothing; a later Maven run of the gates and push, in the same folder, releases that build (found through
     * target/platform-image), and what it gates and publishes is that build, on either image store.
     */
    @Test
    void aBuildAloneIsGatedAndPublishedByALaterRunOfTheGatesAndPush() throws Exception {
        Scenario s = Scenario.start("split-run");

        ImageProject.Run built = s.project.mvn("package");

        assertTrue(built.succeeded(), built::toString);
        assertEquals(List.of(), s.tags(), "package publishes nothing");
        assertEquals(List.of(), s.draftTags(), "package pushes no draft");
        String buildId = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(s.project.dir.resolve("target/platform-image/state.json").toFile()).path("buildId").asText();
        assertTrue(buildId.length() > 8, "the build's id is in its state: " + buildId);

        ImageProject.Run released = s.project.mvn("platform-image:integration-test platform-image:push");

        assertTrue(released.succeeded(), released::toString);
        Matcher draft = Pattern.compile("Draft \\S+ is (sha256:[0-9a-f]{64}): the gates test this digest").matcher(released.log);
        assertTrue(draft.find(), released::toString);
        assertEquals(draft.group(1), s.digest("1.35-stable-1.0.0"), "the gated draft is what is published");
        s.assertFloatingTagsOn("1.0.0");
        assertEquals(List.of(), s.draftTags(), "the promoted draft is deleted");
        assertEquals(buildId, LocalRegistry.labels(s.project.repository, "1.35-stable-1.0.0").get("dev.platformimages.build"),
                "the published image is the build of the first run");
        s.assertNoLeftovers();
    }
}
