package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.util.Map;

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
}
