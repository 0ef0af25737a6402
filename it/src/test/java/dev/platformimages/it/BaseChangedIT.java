package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flow 3: the upstream base was rebuilt under the same tag. */
class BaseChangedIT {

    @Test
    void aNewUpstreamDigestGivesAPatchReleaseBuiltFromIt() {
        Scenario s = Scenario.start("base-changed");
        s.publishFirstVersion();
        String before = s.upstreamDigest();
        String after = s.republishUpstream();
        assertNotEquals(before, after);

        ImageProject.Run run = s.project.mvn("deploy");

        assertTrue(run.succeeded(), run::toString);
        assertTrue(run.log.contains("BASE_CHANGED: base " + s.upstream + " changed from " + before + " to " + after
                + ": 1.35-stable-1.0.0 -> 1.35-stable-1.0.1"), run::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "1.35-stable-1.0.1", "latest"), s.tags());
        s.assertFloatingTagsOn("1.0.1");
        assertEquals(after, LocalRegistry.labels(s.project.repository, "1.35-stable-1.0.1")
                .get("org.opencontainers.image.base.digest"));
        assertEquals(before, LocalRegistry.labels(s.project.repository, "1.35-stable-1.0.0")
                .get("org.opencontainers.image.base.digest"), "the old version is untouched");
        s.assertNoLeftovers();
    }

    @Test
    void aNewDigestOfAnImageUsedByCopyFromAlsoGivesAPatchRelease() {
        Scenario s = Scenario.start("copy-from-changed");
        String toolsRepository = s.upstreamRepository + "-tools";
        String tools = ImageProject.REGISTRY + "/" + toolsRepository + ":1";
        DockerCli.publishUpstream(tools);
        s.project.edit("Dockerfile", "COPY --from=" + tools + " /bin/busybox /opt/tools/busybox\n");
        s.publishFirstVersion();
        String before = LocalRegistry.digest(toolsRepository, "1").orElseThrow();
        assertTrue(LocalRegistry.labels(s.project.repository, "1.35-stable-1.0.0").get("dev.platformimages.bases")
                .contains(tools + "@" + before), "every image the build pulls is recorded");

        DockerCli.publishUpstream(tools);
        String after = LocalRegistry.digest(toolsRepository, "1").orElseThrow();
        ImageProject.Run run = s.project.mvn("deploy");

        assertTrue(run.succeeded(), run::toString);
        assertTrue(run.log.contains("BASE_CHANGED: base " + tools + " changed from " + before + " to " + after
                + ": 1.35-stable-1.0.0 -> 1.35-stable-1.0.1"), run::toString);
        s.assertFloatingTagsOn("1.0.1");
        assertEquals(s.upstream, LocalRegistry.labels(s.project.repository, "1.35-stable-1.0.1")
                .get("org.opencontainers.image.base.name"), "the final stage's base stays the OCI base");
    }
}
