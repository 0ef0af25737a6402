package dev.platformimages.version;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SemanticVersionTest {

    @ParameterizedTest
    @CsvSource({
            "1.3.2, MINOR, 1.4.0",
            "1.3.2, PATCH, 1.3.3",
            "1.3.2, MAJOR, 2.0.0",
            "1.9.9, MINOR, 1.10.0",
            "0.0.0, PATCH, 0.0.1",
    })
    void bumps(String from, Bump bump, String expected) {
        assertEquals(expected, SemanticVersion.parse(from).orElseThrow().bump(bump).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1.0.0.0", "01.0.0", "1.00.0", "v1.0.0", "1.0.0-rc1", "", "a.b.c", "1234567890.0.0", " 1.0.0"})
    void rejectsWhatIsNotMajorMinorPatch(String text) {
        assertTrue(SemanticVersion.parse(text).isEmpty(), text);
    }

    @Test
    void comparesNumericallyNotAsText() {
        SemanticVersion v1_9 = SemanticVersion.parse("1.9.0").orElseThrow();
        SemanticVersion v1_10 = SemanticVersion.parse("1.10.0").orElseThrow();
        assertTrue(v1_10.compareTo(v1_9) > 0);
        assertTrue(SemanticVersion.parse("2.0.0").orElseThrow().compareTo(v1_10) > 0);
        assertTrue(SemanticVersion.parse("1.9.10").orElseThrow().compareTo(SemanticVersion.parse("1.9.9").orElseThrow()) > 0);
        assertEquals(0, v1_9.compareTo(new SemanticVersion(1, 9, 0)));
    }

    @Test
    void bumpNamesTheParameterWhenWrong() {
        assertEquals(Bump.MAJOR, Bump.parse(" Major "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bump.parse("huge"));
        assertTrue(e.getMessage().contains("platform.bump"), e.getMessage());
        assertTrue(e.getMessage().contains("huge"), e.getMessage());
    }

    @Test
    void firstIsOneZeroZero() {
        assertEquals("1.0.0", SemanticVersion.FIRST.toString());
        assertEquals(List.of(1, 0, 0), List.of(SemanticVersion.FIRST.major(), SemanticVersion.FIRST.minor(), SemanticVersion.FIRST.patch()));
    }
}
