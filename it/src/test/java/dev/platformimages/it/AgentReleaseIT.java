package dev.platformimages.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A multi-arch release made by CI agents that share nothing but the registry: each agent is its own working copy of
 * the image folder (its own target/), builds and gates one platform (linux/arm64 under QEMU here, natively on a real
 * arm64 runner), and a third copy assembles the release from what the registry holds. Skipped where linux/arm64
 * cannot run.
 */
class AgentReleaseIT {

    private static final String BOTH = "linux/amd64,linux/arm64";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Prints the machine each self-test ran on; fails on aarch64 unless the Maven property arm.ok is yes (how the test
     * makes one agent's gates fail, then pass when its job is run again).
     */
    private static final String GATES = "<selfTests><selfTest><name>arch</name><shell>echo machine=$(uname -m)</shell></selfTest>"
            + "<selfTest><name>arm-ok</name><shell>test \"$(uname -m)\" != aarch64 -o \"${arm.ok}\" = yes</shell></selfTest></selfTests>";

    @BeforeAll
    static void arm64RunsHere() {
        assumeTrue("ok".equals(DockerCli.Arm64.BINFMT), "linux/arm64 cannot run here: " + DockerCli.Arm64.BINFMT);
    }

    private static ImageProject.Run agent(ImageProject copy, String platform, String release, String... more) {
        return agent("verify", copy, platform, release, more);
    }

    private static ImageProject.Run agent(String goal, ImageProject copy, String platform, String release, String... more) {
        List<String> properties = new ArrayList<>(List.of("platform.platforms=" + BOTH, "platform.platform=" + platform,
                "platform.releaseId=" + release));
        properties.addAll(List.of(more));
        if (properties.stream().noneMatch(p -> p.startsWith("arm.ok="))) {
            properties.add("arm.ok=no");
        }
        return copy.mvn(goal, properties.toArray(String[]::new));
    }

    private static ImageProject.Run assemble(ImageProject copy, String release, String... more) {
        List<String> properties = new ArrayList<>(List.of("platform.platforms=" + BOTH, "platform.releaseId=" + release));
        properties.addAll(List.of(more));
        return copy.mvn("platform-image:assemble", properties.toArray(String[]::new));
    }

    /** An index without its digests and sizes: what one machine's release and the agents' must share. */
    private static JsonNode shape(JsonNode index) {
        JsonNode copy = index.deepCopy();
        copy.path("manifests").forEach(entry -> ((com.fasterxml.jackson.databind.node.ObjectNode) entry).remove(List.of("digest", "size")));
        return copy;
    }

    private static String gateRecordTag(String release, String platform) {
        return "draft-1.0.0-release-" + release + "-" + platform.replace('/', '-');
    }

    private static JsonNode gateRecord(Scenario s, String release, String platform) {
        JsonNode manifest = LocalRegistry.manifest(s.project.repository + "-drafts", gateRecordTag(release, platform));
        byte[] content = LocalRegistry.blob(s.project.repository + "-drafts", manifest.path("layers").path(0).path("digest").asText());
        try {
            return JSON.readTree(content);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void twoAgentsBuildAndGateAPlatformEachAndAThirdAssemblesTheirTestedDraftsIntoOneRelease() throws Exception {
        Scenario s = Scenario.withConfiguration("agents", GATES);
        Map<String, String> upstream = MultiArchReleaseIT.twoPlatformUpstream(s);
        String upstreamIndex = s.upstreamDigest();
        ImageProject amd64 = s.project.sibling("amd64");
        ImageProject arm64 = s.project.sibling("arm64");
        ImageProject assembler = s.project.sibling("assemble");
        String release = "run-4711";

        // The amd64 agent decides first: it pins the release's decision, builds, gates and records amd64 only. Run as
        // mvn deploy, its push and notify do nothing: publishing is the assemble goal's.
        ImageProject.Run amd = agent("deploy", amd64, "linux/amd64", release);
        assertTrue(amd.succeeded(), amd::toString);
        assertEquals("FIRST_VERSION", amd64.decision());
        assertTrue(amd.log.contains("machine=x86_64") && !amd.log.contains("machine=aarch64"), amd::toString);
        assertEquals(List.of(), s.tags(), "an agent publishes nothing");
        assertTrue(amd64.state().path("publishedDigest").isNull(), amd64.state()::toString);
        assertTrue(s.draftTags().contains("draft-1.0.0-release-" + release), s.draftTags().toString());
        JsonNode amdRecord = gateRecord(s, release, "linux/amd64");
        assertTrue(amdRecord.path("passed").asBoolean(), amdRecord.toString());
        assertEquals(amd64.state().path("draftPlatformDigests").path("linux/amd64").asText(), amdRecord.path("draftDigest").asText());

        // Nothing from arm64 yet: the release is refused, naming the platform.
        ImageProject.Run missing = assemble(assembler, release);
        assertFalse(missing.succeeded(), missing::toString);
        assertTrue(missing.log.contains("linux/arm64: no tested draft (no gate record " + gateRecordTag(release, "linux/arm64")),
                missing::toString);
        assertEquals(List.of(), s.tags(), "nothing published");

        // The arm64 agent's gates fail: its failure is recorded, and the release is refused naming it.
        ImageProject.Run armFails = agent(arm64, "linux/arm64", release);
        assertFalse(armFails.succeeded(), armFails::toString);
        assertTrue(armFails.log.contains("machine=aarch64"), armFails::toString);
        ImageProject.Run failed = assemble(assembler, release);
        assertFalse(failed.succeeded(), failed::toString);
        assertTrue(failed.log.contains("linux/arm64: its gates failed on ") && failed.log.contains("'arm-ok' exited with 1"),
                failed::toString);
        assertEquals(List.of(), s.tags(), "nothing published");

        // The arm64 upstream moves; the arm64 agent's job is run again (fixed): it builds the release's pinned decision,
        // the upstream the amd64 agent saw, not the moved one.
        String arm64Moved = MultiArchReleaseIT.republish(s, "linux/arm64");
        MultiArchReleaseIT.putIndex(s);
        assertNotEquals(upstreamIndex, s.upstreamDigest());
        ImageProject.Run armAgain = agent(arm64, "linux/arm64", release, "arm.ok=yes");
        assertTrue(armAgain.succeeded(), armAgain::toString);
        assertTrue(armAgain.log.contains("the release's decision, pinned by the first agent, is built instead"), armAgain::toString);
        assertEquals(amd64.state().path("version").asText(), arm64.state().path("version").asText());
        assertEquals(amd64.state().path("reason").asText(), arm64.state().path("reason").asText());
        String armDraft = arm64.state().path("draftPlatformDigests").path("linux/arm64").asText();
        assertEquals(upstream.get("linux/arm64"), LocalRegistry.labels(s.project.repository + "-drafts", armDraft)
                .get("org.opencontainers.image.base.digest"), "built from the pinned arm64 upstream, not " + arm64Moved);

        // An agent with another definition (a changed Dockerfile) refuses to build for the release.
        ImageProject other = s.project.sibling("edited");
        Path dockerfile = other.dir.resolve("Dockerfile");
        Files.writeString(dockerfile, Files.readString(dockerfile) + "\nRUN echo edited > /etc/edited\n");
        ImageProject.Run edited = agent(other, "linux/arm64", release);
        assertFalse(edited.succeeded(), edited::toString);
        assertTrue(edited.log.contains("this agent cannot build release " + release) && edited.log.contains("every agent must "
                + "build the same commit"), edited::toString);
        assertFalse(edited.log.contains(":docker-build ("), "nothing built: " + edited);

        // A draft built from another upstream digest, passed off as this release's (another release's gate record
        // copied over this one's): the assemble goal reads the draft's own labels and refuses it.
        ImageProject rogue = s.project.sibling("rogue");
        ImageProject.Run otherRelease = agent(rogue, "linux/arm64", "run-4712", "arm.ok=yes");
        assertTrue(otherRelease.succeeded(), otherRelease::toString);
        String drafts = s.project.repository + "-drafts";
        LocalRegistry.copyTag(drafts, gateRecordTag(release, "linux/arm64"), "draft-1.0.0-saved");
        LocalRegistry.copyTag(drafts, gateRecordTag("run-4712", "linux/arm64"), gateRecordTag(release, "linux/arm64"));
        ImageProject.Run mismatched = assemble(assembler, release);
        assertFalse(mismatched.succeeded(), mismatched::toString);
        assertTrue(mismatched.log.contains("linux/arm64: built from other upstream digests"), mismatched::toString);
        assertEquals(List.of(), s.tags(), "nothing published");
        LocalRegistry.copyTag(drafts, "draft-1.0.0-saved", gateRecordTag(release, "linux/arm64"));

        // The third copy assembles: one index of exactly the drafts the agents tested, promoted as push does, signed
        // and attested (the test record names each platform's gates) as one machine's release is.
        String key = "platform.signing.key=" + TestKeys.p256(Files.createTempDirectory("agent-keys"), "release");
        ImageProject.Run assembled = assemble(assembler, release, key);
        assertTrue(assembled.succeeded(), assembled::toString);
        assertEquals(3, assembler.state().path("signedDigests").size(), "the index and both platform images are signed");
        ImageProject.Run verify = assembler.mvn("platform-image:verify", "platform.platforms=" + BOTH, key);
        assertTrue(verify.succeeded(), verify::toString);
        String repository = s.project.repository;
        JsonNode index = LocalRegistry.manifest(repository, "1.35-stable-1.0.0");
        Map<String, String> platforms = new LinkedHashMap<>();
        for (JsonNode entry : index.path("manifests")) {
            String platform = entry.path("platform").path("os").asText() + "/" + entry.path("platform").path("architecture").asText();
            platforms.put(platform, entry.path("digest").asText());
            JsonNode manifest = LocalRegistry.manifest(repository, entry.path("digest").asText());
            assertEquals(entry.path("mediaType").asText(), manifest.path("mediaType").asText(platforms.toString()));
        }
        assertEquals(Map.of("linux/amd64", amdRecord.path("draftDigest").asText(), "linux/arm64", armDraft), platforms,
                "the index lists exactly the drafts the agents tested");
        assertEquals(List.of("linux/amd64", "linux/arm64"), List.copyOf(platforms.keySet()), "in the order of platform.platforms");
        assertTrue(index.path("mediaType").asText().endsWith("manifest.list.v2+json")
                || index.path("mediaType").asText().endsWith("image.index.v1+json"), index.toString());
        assertEquals(s.digest("1.35-stable-1.0.0"), s.digest("latest"));
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "latest"), s.tags());
        JsonNode state = assembler.state();
        List<String> gates = new ArrayList<>(names(amd64.state().path("checks")));
        gates.addAll(names(arm64.state().path("checks")));
        assertEquals(gates, names(state.path("checks")), "the release's gates are those the agents passed: " + state);
        assertTrue(gates.contains("self-test: arch on linux/arm64"), gates.toString());
        assertEquals(List.of("draft-1.0.0-release-" + release), s.draftTags(), "drafts, gate records and the other "
                + "release's leftovers of 1.0.0 are deleted; the decision stays until the next release");

        // Assembling the same release again publishes nothing.
        ImageProject.Run again = assemble(assembler, release);
        assertFalse(again.succeeded(), again::toString);
        assertTrue(again.log.contains("release " + release + " is assembled already: " + ImageProject.REGISTRY + "/"
                + repository + ":1.35-stable-1.0.0 is published"), again::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "latest"), s.tags());

        // An agent's job run again after the release: the release id starts the next release, decided afresh (the arm64
        // upstream moved meanwhile, so 1.0.1 is due) and pinned anew.
        ImageProject.Run after = agent(amd64, "linux/amd64", release);
        assertTrue(after.succeeded(), after::toString);
        assertEquals("BASE_CHANGED", amd64.decision(), after::toString);
        assertEquals("1.0.1", amd64.state().path("version").asText());
        assertTrue(s.draftTags().contains("draft-1.0.1-release-" + release), s.draftTags().toString());

        // One machine releases the same image (arm64 under QEMU) to another repository: an index of the same form.
        ImageProject.Run single = s.project.mvn("deploy", "platform.platforms=" + BOTH, "arm.ok=yes",
                "platform.repository=" + repository + "-single");
        assertTrue(single.succeeded(), single::toString);
        assertEquals(shape(LocalRegistry.manifest(repository + "-single", "1.35-stable-1.0.0")), shape(index));
        s.assertNoLeftovers();
    }

    private static List<String> names(JsonNode checks) {
        List<String> names = new ArrayList<>();
        checks.forEach(c -> names.add(c.path("name").asText()));
        return names;
    }
}
