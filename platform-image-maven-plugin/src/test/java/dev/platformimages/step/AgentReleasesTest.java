package dev.platformimages.step;

import dev.platformimages.agent.AgentRun;
import dev.platformimages.decision.UpdateReason;
import dev.platformimages.registry.HttpRegistryClient;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.MediaTypes;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseTarget;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentReleasesTest {

    private static final String REGISTRY = "registry.example";
    private static final AgentRun AMD64 = new AgentRun("linux/amd64", "42");
    private static final AgentRun ARM64 = new AgentRun("linux/arm64", "42");

    private static ReleaseState decided(String base, String version) {
        ReleaseState s = new ReleaseState();
        s.registry = REGISTRY;
        s.repository = "platform/node";
        s.draftRepository = "platform/node-drafts";
        s.tag = "20";
        s.reason = UpdateReason.BASE_CHANGED;
        s.version = version;
        s.versionTag = "20-" + version;
        s.definitionHash = "sha256:def";
        s.baseDigests.put("docker.io/library/node:20", base);
        s.basePlatformDigests.put("docker.io/library/node:20", "linux/amd64=" + base + "a;linux/arm64=" + base + "b");
        s.platforms = List.of("linux/amd64", "linux/arm64");
        s.startedAt = "2026-12-02T10:00:00Z";
        return s;
    }

    private static void publish(InMemoryRegistry registry, String versionTag) {
        byte[] body = ("{\"v\":\"" + versionTag + "\"}").getBytes(StandardCharsets.UTF_8);
        registry.put("platform/node", versionTag, new Manifest(body, MediaTypes.OCI_MANIFEST, HttpRegistryClient.sha256(body)));
    }

    @Test
    void theFirstAgentPinsItsDecisionAndTheNextBuildsItThoughTheUpstreamMoved() {
        InMemoryRegistry registry = new InMemoryRegistry();
        RecordingLog log = new RecordingLog();
        AgentReleases agents = new AgentReleases(registry, log);

        ReleaseState first = agents.pin(decided("sha256:old", "1.0.1"), AMD64);
        assertEquals("linux/amd64", first.agentPlatform);
        assertTrue(registry.digest("platform/node-drafts", "draft-1.0.1-release-42").isPresent());

        ReleaseState second = agents.pin(decided("sha256:moved", "1.0.1"), ARM64);
        assertEquals("sha256:old", second.baseDigests.get("docker.io/library/node:20"), "the pinned upstream");
        assertEquals("linux/arm64", second.agentPlatform);
        assertEquals("42", second.releaseId);
        assertEquals("2026-12-02T10:00:00Z", second.startedAt, "this agent's own start");
        assertTrue(log.lines.stream().anyMatch(l -> l.contains("the release's decision, pinned by the first agent, is built instead")),
                log.lines::toString);
    }

    @Test
    void anAgentFindingNothingDuePinsNothing() {
        InMemoryRegistry registry = new InMemoryRegistry();
        ReleaseState upToDate = decided("sha256:old", null);
        upToDate.reason = UpdateReason.UP_TO_DATE;
        upToDate.versionTag = null;
        ReleaseState state = new AgentReleases(registry, new RecordingLog()).pin(upToDate, AMD64);
        assertEquals(UpdateReason.UP_TO_DATE, state.reason);
        assertEquals(List.of(), registry.tags(REGISTRY, "platform/node-drafts"));
    }

    @Test
    void anAgentOfAnotherDefinitionRefuses() {
        InMemoryRegistry registry = new InMemoryRegistry();
        AgentReleases agents = new AgentReleases(registry, new RecordingLog());
        agents.pin(decided("sha256:old", "1.0.1"), AMD64);
        ReleaseState edited = decided("sha256:old", "1.1.0");
        edited.definitionHash = "sha256:edited";
        ReleaseFailure refused = assertThrows(ReleaseFailure.class, () -> agents.pin(edited, ARM64));
        assertTrue(refused.getMessage().contains("this agent cannot build release 42 as pinned in registry.example/"
                + "platform/node-drafts:draft-1.0.1-release-42: the image definition here"), refused.getMessage());
    }

    @Test
    void aPublishedDecisionIsPassedOverAndTheSameIdStartsTheNextRelease() {
        InMemoryRegistry registry = new InMemoryRegistry();
        AgentReleases agents = new AgentReleases(registry, new RecordingLog());
        agents.pin(decided("sha256:old", "1.0.1"), AMD64);
        publish(registry, "20-1.0.1");

        ReleaseState next = agents.pin(decided("sha256:newer", "1.0.2"), AMD64);
        assertEquals("1.0.2", next.version);
        assertEquals("sha256:newer", next.baseDigests.get("docker.io/library/node:20"));
        assertTrue(registry.digest("platform/node-drafts", "draft-1.0.2-release-42").isPresent());

        ReleaseTarget target = new ReleaseTarget(REGISTRY, "platform/node", "20", List.of(), null);
        publish(registry, "20-1.0.2");
        ReleaseFailure again = assertThrows(ReleaseFailure.class, () -> agents.assemble(target, List.of("linux/amd64",
                "linux/arm64"), "42"));
        assertTrue(again.getMessage().startsWith("release 42 is assembled already: registry.example/platform/node:20-1."),
                again.getMessage());
        assertEquals(Optional.empty(), agents.assemble(target, List.of("linux/amd64", "linux/arm64"), "43"),
                "no agent of release 43 found anything due");
    }

    @Test
    void twoOpenDecisionsOfOneReleaseAreRefused() {
        InMemoryRegistry registry = new InMemoryRegistry();
        AgentReleases agents = new AgentReleases(registry, new RecordingLog());
        agents.pin(decided("sha256:old", "1.0.1"), AMD64);
        // Another agent, deciding at the same moment, left a second open decision of release 42 (another version's tag).
        registry.tags.get("platform/node-drafts").put("draft-1.1.0-release-42",
                registry.digest("platform/node-drafts", "draft-1.0.1-release-42").orElseThrow());
        ReleaseFailure refused = assertThrows(ReleaseFailure.class, () -> agents.pin(decided("sha256:old", "1.0.1"), ARM64));
        assertTrue(refused.getMessage().contains("release 42 has 2 decisions"), refused.getMessage());
    }

    @Test
    void aFailureIsRecordedByItsFirstLineAtMost500Characters() {
        assertEquals("self-test failed: 'x' exited with 1", AgentReleases.shortened("self-test failed: 'x' exited with 1\nIts output:\n  boom"));
        assertEquals(503, AgentReleases.shortened("y".repeat(900)).length());
        assertEquals(null, AgentReleases.shortened(null));
    }
}
