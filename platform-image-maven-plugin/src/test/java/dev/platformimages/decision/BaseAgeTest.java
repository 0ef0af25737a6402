package dev.platformimages.decision;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaseAgeTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    @Test
    void durationsAreReadInTheFormsPeopleWriteThem() {
        assertEquals(Duration.ofHours(24), BaseAge.parse("24h"));
        assertEquals(Duration.ofMinutes(90), BaseAge.parse("90m"));
        assertEquals(Duration.ofDays(2), BaseAge.parse("2d"));
        assertEquals(Duration.ofHours(36), BaseAge.parse("1d12h"));
        assertEquals(Duration.ofSeconds(45), BaseAge.parse("45s"));
        assertEquals(Duration.ofHours(24), BaseAge.parse("PT24H"));
        assertEquals(Duration.ofDays(2), BaseAge.parse("p2d"));
        assertEquals(Duration.ZERO, BaseAge.parse("0"));
        assertEquals(Duration.ZERO, BaseAge.parse(null));
        assertEquals(Duration.ZERO, BaseAge.parse(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"24", "h", "24 h", "1w", "-1h", "PT-1H", "24h30", "1.5h"})
    void aDurationThatCannotBeReadIsNamedWithTheFormsItTakes(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BaseAge.parse(text));
        assertEquals("platform.minBaseAge is '" + text + "': give a duration such as 24h, 90m, 2d, 1d12h or PT24H, or 0 to "
                + "take a new upstream digest as soon as it appears", e.getMessage());
    }

    @Test
    void aBaseBuiltLongerAgoThanTheMinimumIsTaken() {
        BaseAge.Verdict verdict = BaseAge.judge(DAY, NOW, List.of(
                new BaseAge.NewBase("docker.io/library/node:20", "sha256:new", NOW.minus(Duration.ofHours(25)))));
        assertFalse(verdict.holds());
        assertEquals(List.of(), verdict.notes());
    }

    @Test
    void aYoungBaseHoldsTheReleaseUntilItIsOldEnough() {
        BaseAge.Verdict verdict = BaseAge.judge(DAY, NOW, List.of(
                new BaseAge.NewBase("docker.io/library/node:20", "sha256:new", NOW.minus(Duration.ofMinutes(200)))));
        assertTrue(verdict.holds());
        assertEquals(Instant.parse("2026-12-03T08:40:00Z"), verdict.takenFrom());
        assertEquals("base docker.io/library/node:20 changed to sha256:new, built 2026-12-02T08:40:00Z (3h 20m ago): "
                + "younger than platform.minBaseAge=1d, so it is taken from 2026-12-03T08:40:00Z (in 20h 40m); "
                + "-Dplatform.force=true takes it now", verdict.explanation());
    }

    @Test
    void theYoungestOfSeveralChangedBasesDecides() {
        BaseAge.Verdict verdict = BaseAge.judge(DAY, NOW, List.of(
                new BaseAge.NewBase("a", "sha256:a", NOW.minus(Duration.ofHours(30))),
                new BaseAge.NewBase("b", "sha256:b", NOW.minus(Duration.ofHours(2))),
                new BaseAge.NewBase("c", "sha256:c", NOW.minus(Duration.ofHours(10)))));
        assertEquals(NOW.plus(Duration.ofHours(22)), verdict.takenFrom());
        assertTrue(verdict.explanation().startsWith("base b changed to sha256:b, built 2026-12-02T10:00:00Z (2h ago); "
                + "base c changed to sha256:c"), verdict.explanation());
    }

    @Test
    void aBaseWhoseAgeCannotBeToldDoesNotHoldTheReleaseAndSaysSo() {
        BaseAge.Verdict verdict = BaseAge.judge(DAY, NOW, List.of(
                new BaseAge.NewBase("distroless", "sha256:d", Instant.EPOCH),
                new BaseAge.NewBase("future", "sha256:f", NOW.plus(Duration.ofHours(3))),
                new BaseAge.NewBase("unknown", "sha256:u", null)));
        assertFalse(verdict.holds());
        assertEquals(3, verdict.notes().size());
        assertEquals("the age of distroless's new image sha256:d cannot be told (its config's created time is "
                + "1970-01-01T00:00:00Z): platform.minBaseAge does not hold it back", verdict.notes().get(0));
        assertTrue(verdict.notes().get(2).contains("created time is missing"), verdict.notes().get(2));
    }

    @Test
    void aClockALittleBehindTheRegistrysStillCountsTheBaseAsNew() {
        BaseAge.Verdict verdict = BaseAge.judge(DAY, NOW, List.of(new BaseAge.NewBase("a", "sha256:a", NOW.plus(Duration.ofMinutes(5)))));
        assertTrue(verdict.holds());
    }

    @Test
    void noMinimumTakesEverything() {
        assertNull(BaseAge.judge(Duration.ZERO, NOW, List.of(new BaseAge.NewBase("a", "sha256:a", NOW))).takenFrom());
    }

    @Test
    void durationsAreDescribedShortly() {
        assertEquals("2d 4h", BaseAge.describe(Duration.ofHours(52)));
        assertEquals("3h 20m", BaseAge.describe(Duration.ofMinutes(200)));
        assertEquals("45s", BaseAge.describe(Duration.ofSeconds(45)));
        assertEquals("1d", BaseAge.describe(Duration.ofDays(1)));
    }
}
