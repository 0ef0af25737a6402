package dev.platformimages.decision;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpstreamTrackTest {

    private static final List<String> NODE = List.of("18-bookworm-slim", "20", "20-bookworm", "20-bookworm-slim", "20.18.1-bookworm-slim",
            "22-bookworm-slim", "22-trixie-slim", "23-bookworm-slim", "lts-bookworm-slim", "current-bookworm-slim", "latest");

    @Test
    void aHigherMajorOfTheSameShapeIsANewerTrack() {
        assertEquals(Optional.of("23-bookworm-slim"), UpstreamTrack.newerTrack("20-bookworm-slim", NODE));
        assertEquals(Optional.of("23-bookworm-slim"), UpstreamTrack.newerTrack("22-bookworm-slim", NODE));
        assertEquals(Optional.empty(), UpstreamTrack.newerTrack("23-bookworm-slim", NODE), "the newest track");
    }

    @Test
    void aHigherMajorOrMinorOfTwoNumbersIsANewerTrackAndNumbersCompareAsNumbers() {
        List<String> dotnet = List.of("6.0", "8.0", "8.0-bookworm-slim", "9.0", "10.0-preview", "8.0.11", "10.0");
        assertEquals(Optional.of("10.0"), UpstreamTrack.newerTrack("8.0", dotnet));
        assertEquals(Optional.of("3.13-slim-bookworm"), UpstreamTrack.newerTrack("3.12-slim-bookworm",
                List.of("3.9-slim-bookworm", "3.12-slim-bookworm", "3.13-slim-bookworm", "3.13.1-slim-bookworm", "3.14-rc-slim-bookworm")));
        assertEquals(Optional.of("8.1"), UpstreamTrack.newerTrack("8.0", List.of("8.0", "8.1", "7.9")));
    }

    @Test
    void otherShapesAndTagsWithoutNumbersAreNotTracks() {
        assertEquals(Optional.empty(), UpstreamTrack.newerTrack("stable", List.of("stable", "1.36", "unstable")));
        assertEquals(Optional.empty(), UpstreamTrack.newerTrack("20-bookworm-slim", List.of("22-trixie-slim", "22", "24-alpine")));
        assertEquals(Optional.empty(), UpstreamTrack.newerTrack("21-jre", List.of("21-jdk", "21-jre")));
        assertEquals(Optional.of("25-jre"), UpstreamTrack.newerTrack("21-jre", List.of("17-jre", "21-jre", "25-jre", "25-jdk")));
    }

    @Test
    void shapesAndNumbers() {
        assertEquals("#.#-slim-bookworm", UpstreamTrack.shape("3.12-slim-bookworm"));
        assertEquals(List.of(3L, 12L), UpstreamTrack.numbers("3.12-slim-bookworm"));
        assertEquals(List.of(Long.MAX_VALUE), UpstreamTrack.numbers("99999999999999999999999"));
    }

    @Test
    void aTagThatHasNotMovedForLongerThanTheThresholdMayBeAtItsEnd() {
        Instant now = Instant.parse("2026-12-02T00:00:00Z");
        assertEquals(Optional.of("docker.io/library/node:16-bookworm-slim has not moved for 200 days (its image was built "
                + "2026-05-16T00:00:00Z; platform.staleBaseAge=90d): the track may be at its end of life"),
                UpstreamTrack.stale("docker.io/library/node:16-bookworm-slim", now.minus(Duration.ofDays(200)), now, Duration.ofDays(90)));
        assertTrue(UpstreamTrack.stale("x", now.minus(Duration.ofDays(30)), now, Duration.ofDays(90)).isEmpty());
        assertTrue(UpstreamTrack.stale("x", Instant.EPOCH, now, Duration.ofDays(90)).isEmpty(), "a placeholder says nothing");
        assertTrue(UpstreamTrack.stale("x", now.minus(Duration.ofDays(900)), now, Duration.ZERO).isEmpty(), "off");
        assertTrue(UpstreamTrack.stale("x", null, now, Duration.ofDays(90)).isEmpty());
    }
}
