package dev.platformimages.step;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildWarningsTest {

    @Test
    void engineAndToolWarningsAtTheStartOfALine() {
        assertTrue(BuildWarnings.isWarning("[Warning] One or more build-args [UNUSED] were not consumed"));
        assertTrue(BuildWarnings.isWarning("WARNING: apt does not have a stable CLI interface."));
        assertTrue(BuildWarnings.isWarning("  warning: setlocale: LC_ALL: cannot change locale"));
        assertTrue(BuildWarnings.isWarning("W: Some index files failed to download."));
    }

    @Test
    void notEveryLineThatMentionsTheWord() {
        assertFalse(BuildWarnings.isWarning("Setting up python3-warnings (1.0) ..."));
        assertFalse(BuildWarnings.isWarning("Step 3/7 : RUN echo no warnings here"));
        assertFalse(BuildWarnings.isWarning("debconf: delaying package configuration, since apt-utils is not installed"));
        assertFalse(BuildWarnings.isWarning("Warnings: 0"));
    }
}
