package dev.platformimages.version;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionTagTest {

    private static final String PREFIX = "8.0-bookworm-slim";

    @Test
    void parsesTheVersionAfterThePrefix() {
        VersionTag tag = VersionTag.parse(PREFIX, "8.0-bookworm-slim-1.4.0").orElseThrow();
        assertEquals("1.4.0", tag.version().toString());
        assertEquals("8.0-bookworm-slim-1.4.0", tag.tag());
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "8.0-bookworm-slim", "8.0-bookworm-slim-", "8.0-bookworm-slim-1.4",
            "8.0-bookworm-slim-amd64-1.0.0", "draft-1.0.0-abc", "8.0-bullseye-slim-1.0.0", "8.0-bookworm-slim-1.4.0-rc1"})
    void ignoresOtherTags(String tag) {
        assertTrue(VersionTag.parse(PREFIX, tag).isEmpty(), tag);
    }

    @Test
    void newestIsTheHighestVersionComparedNumerically() {
        List<String> tags = List.of("latest", "8.0-bookworm-slim", "8.0-bookworm-slim-1.9.0", "8.0-bookworm-slim-1.10.0",
                "8.0-bookworm-slim-1.2.7", "8.0-bullseye-slim-9.0.0", "draft-2.0.0");
        assertEquals("8.0-bookworm-slim-1.10.0", VersionTag.newest(PREFIX, tags).orElseThrow().tag());
    }

    @Test
    void noVersionWhenNoTagMatches() {
        assertTrue(VersionTag.newest(PREFIX, List.of("latest", "8.0-bookworm-slim")).isEmpty());
        assertTrue(VersionTag.newest(PREFIX, List.of()).isEmpty());
    }

    @Test
    void prefixWithRegexCharactersIsTakenLiterally() {
        assertTrue(VersionTag.parse("20.x", "20.x-1.0.0").isPresent());
        assertTrue(VersionTag.parse("20.x", "20a-1.0.0").isEmpty());
    }

    @Test
    void dockerTagGrammar() {
        assertTrue(VersionTag.isValidDockerTag("8.0-bookworm-slim"));
        assertTrue(VersionTag.isValidDockerTag("_x"));
        assertFalse(VersionTag.isValidDockerTag("-x"));
        assertFalse(VersionTag.isValidDockerTag(".x"));
        assertFalse(VersionTag.isValidDockerTag("a b"));
        assertFalse(VersionTag.isValidDockerTag("a:b"));
        assertFalse(VersionTag.isValidDockerTag("x".repeat(129)));
        assertTrue(VersionTag.isValidDockerTag("x".repeat(128)));
    }
}
