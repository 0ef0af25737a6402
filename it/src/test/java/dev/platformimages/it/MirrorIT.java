package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An upstream registry this machine cannot reach, served through a mirror (platform.mirrors): the check and the
 * build go to the mirror, the labels keep the upstream's name, and later checks compare equal.
 */
class MirrorIT {

    /** A registry that does not exist: every request to it would fail. */
    private static final String UPSTREAM_HOST = "upstream.invalid";

    @Test
    void checksAndBuildsGoThroughTheMirrorAndLabelsKeepTheUpstreamName() {
        Scenario s = Scenario.start("mirror");
        // The Dockerfile names the image at its upstream; the test registry plays the mirror of that registry.
        String upstream = UPSTREAM_HOST + "/" + s.upstreamRepository + ":stable";
        String mirrors = "platform.mirrors=" + UPSTREAM_HOST + "=" + ImageProject.REGISTRY;

        ImageProject.Run first = s.project.mvn("deploy", "upstream.image=" + upstream, mirrors);

        assertTrue(first.succeeded(), first::toString);
        assertTrue(first.log.contains("Upstream base " + upstream + " (via mirror " + ImageProject.REGISTRY + "/"
                + s.upstreamRepository + ") -> " + s.upstreamDigest()), first::toString);
        Map<String, String> labels = LocalRegistry.labels(s.project.repository, "1.35-stable-1.0.0");
        assertEquals(upstream, labels.get("org.opencontainers.image.base.name"));
        assertEquals(s.upstreamDigest(), labels.get("org.opencontainers.image.base.digest"));

        ImageProject.Run again = s.project.mvn("deploy", "upstream.image=" + upstream, mirrors);
        assertEquals("UP_TO_DATE", s.project.decision(), again::toString);

        ImageProject.Run malformed = s.project.mvn("deploy", "upstream.image=" + upstream, "platform.mirrors=" + UPSTREAM_HOST);
        assertFalse(malformed.succeeded(), malformed::toString);
        assertTrue(malformed.log.contains("platform.mirrors has '" + UPSTREAM_HOST + "': write upstream=mirror"), malformed::toString);
    }
}
