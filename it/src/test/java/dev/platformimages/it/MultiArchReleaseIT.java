package dev.platformimages.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Multi-arch releases from one thin POM: linux/amd64 and linux/arm64 (under QEMU) built from a two-platform
 * upstream index, each tested on its own platform, published as one index. Skipped, with the reason, where the
 * kernel refuses binfmt_misc (scripts/env.sh records it).
 */
class MultiArchReleaseIT {

    private static final String BOTH = "linux/amd64,linux/arm64";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Prints the machine each self-test ran on: x86_64 or aarch64. */
    private static final String ARCH_SELF_TEST = "<selfTests><selfTest><name>arch</name><shell>echo machine=$(uname -m)</shell></selfTest></selfTests>";

    @BeforeAll
    static void arm64RunsHere() {
        if (!"ok".equals(DockerCli.Arm64.BINFMT)) {
            System.out.println("SKIPPED MultiArchReleaseIT: linux/arm64 cannot run on this machine: " + DockerCli.Arm64.BINFMT);
        }
        assumeTrue("ok".equals(DockerCli.Arm64.BINFMT), "linux/arm64 cannot run here: " + DockerCli.Arm64.BINFMT);
    }

    /** A scenario whose upstream "stable" is an index of an amd64 and an arm64 busybox; returns the platform digests. */
    static Map<String, String> twoPlatformUpstream(Scenario s) {
        Map<String, String> digests = new LinkedHashMap<>();
        digests.put("linux/amd64", republish(s, "linux/amd64"));
        digests.put("linux/arm64", republish(s, "linux/arm64"));
        putIndex(s);
        return digests;
    }

    static String republish(Scenario s, String platform) {
        String tag = platform.replace('/', '-') + "-src";
        String reference = ImageProject.REGISTRY + "/" + s.upstreamRepository + ":" + tag;
        if (platform.equals("linux/arm64")) {
            DockerCli.publishArm64Upstream(reference);
        } else {
            DockerCli.publishUpstream(reference);
        }
        return LocalRegistry.digest(s.upstreamRepository, tag).orElseThrow();
    }

    static String putIndex(Scenario s) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("linux/amd64", "linux-amd64-src");
        entries.put("linux/arm64", "linux-arm64-src");
        return LocalRegistry.putIndex(s.upstreamRepository, "stable", entries);
    }

    private static JsonNode get(String repository, String reference) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://"
                        + ImageProject.REGISTRY + "/v2/" + repository + "/" + reference))
                .header("Accept", "application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, "
                        + "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), reference + ": " + response.body());
        return JSON.readTree(response.body());
    }

    @Test
    void bothPlatformsAreBuiltTestedOnTheirOwnArchitectureAndPublishedAsOneIndex() throws Exception {
        Scenario s = Scenario.withConfiguration("multi-arch-release", ARCH_SELF_TEST);
        Map<String, String> upstream = twoPlatformUpstream(s);

        // Signed with a plain PKCS#8 key (openssl's): the index and each platform image carry their proofs.
        String key = "platform.signing.key=" + TestKeys.p256(java.nio.file.Files.createTempDirectory("multi-arch-keys"), "release");
        ImageProject.Run run = s.project.mvn("deploy", "platform.platforms=" + BOTH, key);

        assertTrue(run.succeeded(), run::toString);
        String repository = s.project.repository;
        JsonNode index = get(repository, "manifests/1.35-stable-1.0.0");
        assertEquals(3, s.project.state().path("signedDigests").size(), "the index and both platform images are signed");
        ImageProject.Run verify = s.project.mvn("platform-image:verify", "platform.platforms=" + BOTH, key);
        assertTrue(verify.succeeded(), verify::toString);
        assertTrue(index.get("mediaType").asText().endsWith("manifest.list.v2+json") || index.get("mediaType").asText().endsWith("index.v1+json"));
        assertEquals(2, index.get("manifests").size(), index.toString());
        Map<String, String> built = new LinkedHashMap<>();
        for (JsonNode entry : index.get("manifests")) {
            String platform = entry.get("platform").get("os").asText() + "/" + entry.get("platform").get("architecture").asText();
            JsonNode manifest = get(repository, "manifests/" + entry.get("digest").asText());
            JsonNode config = get(repository, "blobs/" + manifest.get("config").get("digest").asText());
            assertEquals(entry.get("platform").get("architecture").asText(), config.get("architecture").asText(),
                    "the config of the " + platform + " image says its architecture");
            Map<String, String> labels = JSON.convertValue(config.get("config").get("Labels"), Map.class);
            assertEquals(upstream.get(platform), labels.get("org.opencontainers.image.base.digest"),
                    platform + " was built from the upstream's " + platform + " image");
            built.put(platform, entry.get("digest").asText());
        }
        assertEquals(List.of("linux/amd64", "linux/arm64"), List.copyOf(built.keySet()));
        // Each platform's self-test ran on that platform, and the test app answered on each.
        assertTrue(run.log.contains("== gates on linux/amd64"), run::toString);
        assertTrue(run.log.contains("machine=x86_64"), run::toString);
        assertTrue(run.log.contains("machine=aarch64"), run::toString);
        assertTrue(run.log.contains("All 3 gate(s) passed for " + ImageProject.REGISTRY + "/" + repository + "-drafts@"
                + built.get("linux/arm64") + " on linux/arm64"), run::toString);
        assertEquals(s.digest("1.35-stable-1.0.0"), s.digest("latest"), "latest is the index");
        assertEquals(List.of(), s.draftTags(), "drafts (index and platform images) are deleted");
        s.assertNoLeftovers();

        // Status shows the platforms; a change of the arm64 upstream only is a base change naming linux/arm64.
        ImageProject.Run status = s.project.mvn("platform-image:status", "platform.platforms=" + BOTH);
        assertTrue(status.log.contains("1.35-stable-1.0.0 (linux/amd64, linux/arm64)"), status::toString);

        String arm64Before = upstream.get("linux/arm64");
        String arm64Now = republish(s, "linux/arm64");
        putIndex(s);
        ImageProject.Run rebuilt = s.project.mvn("deploy", "platform.platforms=" + BOTH);
        assertTrue(rebuilt.succeeded(), rebuilt::toString);
        assertEquals("BASE_CHANGED", s.project.decision(), rebuilt::toString);
        assertTrue(rebuilt.log.contains("(linux/arm64: " + arm64Before + " -> " + arm64Now + ")"), rebuilt::toString);
        assertFalse(rebuilt.log.contains("linux/amd64: sha256"), "the amd64 image did not change: " + rebuilt);
        assertEquals(s.digest("1.35-stable-1.0.1"), s.digest("latest"));
    }

    @Test
    void aSelfTestFailingOnArm64OnlyBlocksTheWholeRelease() {
        Scenario s = Scenario.withConfiguration("multi-arch-fail",
                "<selfTests><selfTest><name>not-on-arm</name><shell>test \"$(uname -m)\" != aarch64</shell></selfTest></selfTests>");
        twoPlatformUpstream(s);

        ImageProject.Run run = s.project.mvn("deploy", "platform.platforms=" + BOTH);

        assertFalse(run.succeeded(), run::toString);
        assertTrue(run.log.contains("on linux/arm64 (the whole release stops: every platform published must have passed): "
                + "self-test failed: 'not-on-arm' exited with 1"), run::toString);
        assertTrue(run.log.contains("Self-test passed") && run.log.contains("not-on-arm"), "amd64 passed first: " + run);
        assertEquals(List.of(), s.tags(), "nothing published, not even amd64");
        assertEquals(List.of(), s.draftTags(), "the draft index and its platform images are deleted");
        s.assertNoLeftovers();
    }

    @Test
    void aChangeOfAPlatformNotBuiltIsNoUpdate() {
        Scenario s = Scenario.start("multi-arch-arm-only");
        twoPlatformUpstream(s);
        ImageProject.Run first = s.project.mvn("deploy", "platform.platforms=linux/arm64");
        assertTrue(first.succeeded(), first::toString);

        republish(s, "linux/amd64");
        putIndex(s);
        ImageProject.Run other = s.project.mvn("deploy", "platform.platforms=linux/arm64");
        assertTrue(other.succeeded(), other::toString);
        assertEquals("UP_TO_DATE", s.project.decision(), other::toString);
        assertTrue(other.log.contains("only attestations or other platforms changed"), other::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "latest"), s.tags());
    }

    @Test
    void badPlatformListsFailBeforeAnyBuild() {
        Scenario s = Scenario.start("multi-arch-bad");
        twoPlatformUpstream(s);

        ImageProject.Run unknown = s.project.mvn("deploy", "platform.platforms=linux/amd64,linux/sparc");
        assertFalse(unknown.succeeded());
        assertTrue(unknown.log.contains("platform.platforms has 'linux/sparc', which is not a platform this plugin builds"), unknown::toString);

        ImageProject.Run twice = s.project.mvn("deploy", "platform.platforms=linux/arm64,linux/amd64,linux/arm64");
        assertFalse(twice.succeeded());
        assertTrue(twice.log.contains("platform.platforms names linux/arm64 twice"), twice::toString);

        ImageProject.Run lacking = s.project.mvn("deploy", "platform.platforms=linux/amd64,linux/s390x");
        assertFalse(lacking.succeeded());
        assertTrue(lacking.log.contains("has no image for linux/s390x (it has [linux/amd64, linux/arm64])"), lacking::toString);
        for (ImageProject.Run run : List.of(unknown, twice, lacking)) {
            assertFalse(run.log.contains(":docker-build ("), "nothing built: " + run);
        }
        assertEquals(List.of(), s.tags());
    }
}
