package dev.platformimages.agent;

import dev.platformimages.decision.UpdateReason;
import dev.platformimages.release.ReleaseState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleaseDecisionTest {

    static ReleaseState decided() {
        ReleaseState s = new ReleaseState();
        s.registry = "registry.example";
        s.repository = "platform/node";
        s.tag = "20";
        s.reason = UpdateReason.BASE_CHANGED;
        s.versionTag = "20-1.4.1";
        s.version = "1.4.1";
        s.definitionHash = "sha256:def";
        s.baseDigests.put("docker.io/library/node:20", "sha256:index");
        s.basePlatformDigests.put("docker.io/library/node:20", "linux/amd64=sha256:a;linux/arm64=sha256:b");
        s.platforms = List.of("linux/amd64", "linux/arm64");
        s.draftRepository = "platform/node-drafts";
        return s;
    }

    @Test
    void twoAgentsDecidingAlikeWriteTheSameBytesAndTheRecordReadsBack() {
        ReleaseState one = decided();
        one.startedAt = "2026-12-02T10:00:00Z";
        one.checkRequests = Map.of("registry.example", 3);
        one.agentPlatform = "linux/amd64";
        one.releaseId = "42";
        ReleaseState two = decided();
        two.startedAt = "2026-12-02T10:00:07Z";
        two.agentPlatform = "linux/arm64";
        assertArrayEquals(ReleaseDecision.toJson(one), ReleaseDecision.toJson(two));
        String json = new String(ReleaseDecision.toJson(one), StandardCharsets.UTF_8);
        assertFalse(json.contains("2026-12-02") || json.contains("linux/amd64\",\"releaseId"), json);
        ReleaseState back = ReleaseDecision.fromJson(ReleaseDecision.toJson(one));
        assertEquals("1.4.1", back.version);
        assertEquals(UpdateReason.BASE_CHANGED, back.reason);
        assertEquals(one.basePlatformDigests, back.basePlatformDigests);
        assertEquals(null, back.agentPlatform);
        assertThrows(IllegalArgumentException.class, () -> ReleaseDecision.fromJson("[".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anAgentWithAnotherDefinitionPlatformsOrTargetConflictsAnotherUpstreamDoesNot() {
        ReleaseState pinned = decided();
        ReleaseState same = decided();
        same.baseDigests.put("docker.io/library/node:20", "sha256:moved");
        same.reason = UpdateReason.UP_TO_DATE;
        assertEquals(List.of(), ReleaseDecision.conflicts(pinned, same), "an upstream that moved is what pinning is for");

        ReleaseState edited = decided();
        edited.definitionHash = "sha256:other";
        edited.platforms = List.of("linux/arm64");
        edited.repository = "platform/node-x";
        List<String> conflicts = ReleaseDecision.conflicts(pinned, edited);
        assertEquals(3, conflicts.size(), conflicts.toString());
        assertTrue(conflicts.get(0).contains("hashes to sha256:other, the release's to sha256:def"), conflicts.get(0));
        assertTrue(conflicts.get(1).contains("platform.platforms here is [linux/arm64]"), conflicts.get(1));
        assertTrue(conflicts.get(2).contains("registry.example/platform/node-x"), conflicts.get(2));
    }
}
