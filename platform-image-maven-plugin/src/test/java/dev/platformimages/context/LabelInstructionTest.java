package dev.platformimages.context;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LabelInstructionTest {

    @Test
    void labelsAreOneInstructionWithSortedKeysAndSingleQuotedValues() {
        assertEquals(Optional.of("LABEL a.b='1' z='two words'"), LabelInstruction.of(Map.of("z", "two words", "a.b", "1")));
    }

    @Test
    void noLabelsNoInstruction() {
        assertEquals(Optional.empty(), LabelInstruction.of(Map.of()));
    }

    @Test
    void aValueThatSingleQuotesCannotHoldLeavesEveryLabelToTheBuildApi() {
        assertEquals(Optional.empty(), LabelInstruction.of(Map.of("a", "1", "b", "it's")));
        assertEquals(Optional.empty(), LabelInstruction.of(Map.of("a", "line\nbreak")));
        assertEquals(Optional.empty(), LabelInstruction.of(Map.of("a", "cr\r")));
        assertEquals(Optional.empty(), LabelInstruction.of(Map.of("key with space", "1")));
        assertEquals(Optional.empty(), LabelInstruction.of(Map.of("k=v", "1")));
    }
}
