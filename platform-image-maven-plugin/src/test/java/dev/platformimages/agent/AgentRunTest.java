package dev.platformimages.agent;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentRunTest {

    private static final List<String> BOTH = List.of("linux/amd64", "linux/arm64");

    @Test
    void withoutAPlatformOneMachineBuildsEverything() {
        assertEquals(Optional.empty(), AgentRun.of(null, "r", BOTH, Map.of()));
        assertEquals(Optional.empty(), AgentRun.of(" ", null, BOTH, Map.of()));
    }

    @Test
    void thePlatformIsOneOfThePlatformsAndTheReleaseIdIsGivenOrTheCiRuns() {
        assertEquals(new AgentRun("linux/arm64", "42"), AgentRun.of(" linux/arm64 ", "42", BOTH, Map.of()).orElseThrow());
        assertEquals(new AgentRun("linux/amd64", "987654"),
                AgentRun.of("linux/amd64", null, BOTH, Map.of("GITHUB_RUN_ID", "987654")).orElseThrow());
        assertEquals(new AgentRun("linux/amd64", "20261202.3"),
                AgentRun.of("linux/amd64", "", BOTH, Map.of("BUILD_BUILDID", "20261202.3")).orElseThrow());
        assertEquals("given", AgentRun.of("linux/amd64", "given", BOTH, Map.of("GITHUB_RUN_ID", "1")).orElseThrow().releaseId());
    }

    @Test
    void aReleaseIdBecomesATagPart() {
        assertEquals("codebuild-p-1a2b", AgentRun.of("linux/amd64", "codebuild/p:1a2b", BOTH, Map.of()).orElseThrow().releaseId());
        assertEquals(64, AgentRun.tagPart("x".repeat(100)).length());
        assertEquals("a_b.c-d", AgentRun.tagPart("a_b.c-d"));
    }

    @Test
    void badParametersAreNamedWithTheFix() {
        IllegalArgumentException noList = assertThrows(IllegalArgumentException.class,
                () -> AgentRun.of("linux/arm64", "r", List.of(), Map.of()));
        assertTrue(noList.getMessage().contains("platform.platforms is not set"), noList.getMessage());
        IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
                () -> AgentRun.of("linux/arm64", "r", List.of("linux/arm64"), Map.of()));
        assertTrue(single.getMessage().contains("has only linux/arm64: run mvn deploy on an agent of that platform"),
                single.getMessage());
        IllegalArgumentException notListed = assertThrows(IllegalArgumentException.class,
                () -> AgentRun.of("linux/s390x", "r", BOTH, Map.of()));
        assertTrue(notListed.getMessage().contains("platform.platform=linux/s390x is not one of platform.platforms"),
                notListed.getMessage());
        IllegalArgumentException noId = assertThrows(IllegalArgumentException.class,
                () -> AgentRun.of("linux/arm64", null, BOTH, Map.of()));
        assertTrue(noId.getMessage().contains("needs platform.releaseId"), noId.getMessage());
        IllegalArgumentException assembleNoId = assertThrows(IllegalArgumentException.class,
                () -> AgentRun.releaseId(" ", Map.of()));
        assertTrue(assembleNoId.getMessage().contains("the assemble goal needs platform.releaseId"), assembleNoId.getMessage());
        assertEquals("7", AgentRun.releaseId(null, Map.of("GITHUB_RUN_ID", "7")));
    }

    @Test
    void theTagsOfARelease() {
        assertEquals("draft-1.4.0-release-42", AgentTags.decision("1.4.0", "42"));
        assertEquals("draft-1.4.0-release-42-linux-arm64", AgentTags.gateRecord("1.4.0", "42", "linux/arm64"));
        assertEquals("draft-1.4.0-release-42-index", AgentTags.index("1.4.0", "42"));
        assertEquals(Optional.of("1.4.0"), AgentTags.decisionVersion("draft-1.4.0-release-42", "42"));
        assertEquals(Optional.empty(), AgentTags.decisionVersion("draft-1.4.0-release-42-linux-arm64", "42"));
        assertEquals(Optional.empty(), AgentTags.decisionVersion("draft-1.4.0-release-420", "42"));
        assertEquals(Optional.empty(), AgentTags.decisionVersion("draft-1.4.0-release-4.2", "4x2"));
        assertEquals(Optional.of("1.4.0"), AgentTags.decisionVersion("draft-1.4.0-release-4.2", "4.2"));
    }
}
