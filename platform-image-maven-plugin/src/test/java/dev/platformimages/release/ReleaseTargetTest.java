package dev.platformimages.release;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleaseTargetTest {

    @Test
    void floatingTagsAreLatestTheTagAndExtrasWithoutDuplicates() {
        ReleaseTarget target = new ReleaseTarget("127.0.0.1:5000", "platform/runtime", "8.0-bookworm-slim",
                List.of("8.0", " ", "latest", "stable"));
        assertEquals(List.of("latest", "8.0-bookworm-slim", "8.0", "stable"), target.floatingTags());
        assertEquals("127.0.0.1:5000/platform/runtime:8.0-bookworm-slim-1.0.0",
                target.reference("8.0-bookworm-slim-1.0.0").toString());
    }

    private static String failure(String registry, String repository, String tag, List<String> extras) {
        return assertThrows(ReleaseFailure.class, () -> new ReleaseTarget(registry, repository, tag, extras)).getMessage();
    }

    @Test
    void eachBadParameterIsNamed() {
        assertTrue(failure(null, "r", "t", List.of()).contains("platform.registry is not set"));
        assertTrue(failure("https://x.io", "r", "t", List.of()).contains("platform.registry"));
        assertTrue(failure("x.io", "Bad Repo", "t", List.of()).contains("platform.repository"));
        assertTrue(failure("x.io", "r", null, List.of()).contains("platform.tag is not set"));
        assertTrue(failure("x.io", "r", "-bad", List.of()).contains("platform.tag is '-bad'"));
        assertTrue(failure("x.io", "r", "x".repeat(120), List.of()).contains("platform.tag"));
        assertTrue(failure("x.io", "r", "t", List.of("no way")).contains("platform.extraTags"));
        assertTrue(failure("x.io", "r", "t", List.of("t-1.2.3")).contains("version tags never move"));
    }
}
