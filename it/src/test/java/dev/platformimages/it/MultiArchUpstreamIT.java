package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A multi-arch upstream tag (a manifest list of linux/amd64 and linux/arm64, assembled with the registry API):
 * a change of the other platform only is no update; a change of the platform built is.
 */
class MultiArchUpstreamIT {

    private static String republish(Scenario s, String sourceTag) {
        DockerCli.publishUpstream(ImageProject.REGISTRY + "/" + s.upstreamRepository + ":" + sourceTag);
        return LocalRegistry.digest(s.upstreamRepository, sourceTag).orElseThrow();
    }

    private static String putIndex(Scenario s, String... platformAndTag) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < platformAndTag.length; i += 2) {
            entries.put(platformAndTag[i], platformAndTag[i + 1]);
        }
        return LocalRegistry.putIndex(s.upstreamRepository, "stable", entries);
    }

    @Test
    void onlyTheImageOfThePlatformBuiltCounts() {
        Scenario s = Scenario.start("multi-arch");
        String amd64 = republish(s, "amd64-src");
        republish(s, "arm64-src");
        String index1 = putIndex(s, "linux/amd64", "amd64-src", "linux/arm64", "arm64-src");
        s.publishFirstVersion();
        Map<String, String> labels = LocalRegistry.labels(s.project.repository, "1.35-stable-1.0.0");
        assertEquals(s.upstream + "@" + index1, labels.get("dev.platformimages.bases"));
        assertEquals(s.upstream + "@" + amd64, labels.get("dev.platformimages.bases.platform"));
        assertEquals(amd64, labels.get("org.opencontainers.image.base.digest"), "the image actually used");

        // The vendor rebuilds arm64 only: the tag moves, the amd64 image does not.
        republish(s, "arm64-src");
        String index2 = putIndex(s, "linux/amd64", "amd64-src", "linux/arm64", "arm64-src");
        ImageProject.Run other = s.project.mvn("deploy");
        assertTrue(other.succeeded(), other::toString);
        assertEquals("UP_TO_DATE", s.project.decision(), other::toString);
        assertTrue(other.log.contains("Note: base " + s.upstream + " now resolves to " + index2 + " (was " + index1
                + "), but the image of the platform built is still " + amd64), other::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "latest"), s.tags());

        // Counting the tag's digest instead, the same change is an update.
        ImageProject.Run strict = s.project.mvn("validate", "platform.baseChange=tag");
        assertEquals("BASE_CHANGED", s.project.decision(), strict::toString);

        // The vendor rebuilds amd64: that is ours. Compared with what 1.0.0 was built from (index1).
        String amd64New = republish(s, "amd64-src");
        String index3 = putIndex(s, "linux/amd64", "amd64-src", "linux/arm64", "arm64-src");
        ImageProject.Run ours = s.project.mvn("deploy");
        assertTrue(ours.succeeded(), ours::toString);
        assertTrue(ours.log.contains("BASE_CHANGED: base " + s.upstream + " changed from " + index1 + " to " + index3
                + " (platform image " + amd64 + " -> " + amd64New + ")"), ours::toString);
        assertEquals(amd64New, LocalRegistry.labels(s.project.repository, "1.35-stable-1.0.1")
                .get("org.opencontainers.image.base.digest"));
        s.assertFloatingTagsOn("1.0.1");
    }

    @Test
    void anUpstreamWithoutThePlatformBuiltIsAClearError() {
        Scenario s = Scenario.start("multi-arch-missing");
        republish(s, "arm64-src");
        putIndex(s, "linux/arm64", "arm64-src");
        ImageProject.Run run = s.project.mvn("deploy");
        assertFalse(run.succeeded(), run::toString);
        assertTrue(run.log.contains("upstream image " + s.upstream.replace(":stable", "") + " has no image for linux/amd64 "
                + "(it has [linux/arm64])"), run::toString);
        assertEquals(List.of(), s.tags());
    }
}
