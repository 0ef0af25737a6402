package dev.platformimages.step;

import dev.platformimages.decision.UpdateReason;
import dev.platformimages.image.ImageLabels;
import dev.platformimages.release.ReleaseState;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageBuilderLabelsTest {

    private static ReleaseState state() {
        ReleaseState state = new ReleaseState();
        state.reason = UpdateReason.BASE_CHANGED;
        state.version = "1.3.3";
        state.definitionHash = "sha256:def";
        Map<String, String> bases = new LinkedHashMap<>();
        bases.put("mcr.microsoft.com/dotnet/sdk:8.0", "sha256:" + "1".repeat(64));
        bases.put("mcr.microsoft.com/dotnet/aspnet:8.0", "sha256:" + "2".repeat(64));
        state.baseDigests = bases;
        state.finalBase = "mcr.microsoft.com/dotnet/aspnet:8.0";
        return state;
    }

    @Test
    void provenanceLabelsNameTheFinalBaseAndRecordEveryBase() {
        Map<String, String> labels = ImageBuilder.labels(state(), "0123abc", "https://git.example.com/platform-images");
        assertEquals("mcr.microsoft.com/dotnet/aspnet:8.0", labels.get(ImageLabels.BASE_NAME));
        assertEquals("sha256:" + "2".repeat(64), labels.get(ImageLabels.BASE_DIGEST));
        assertEquals("1.3.3", labels.get(ImageLabels.VERSION));
        assertEquals("0123abc", labels.get(ImageLabels.REVISION));
        assertEquals("https://git.example.com/platform-images", labels.get(ImageLabels.SOURCE));
        assertEquals("sha256:def", labels.get(ImageLabels.DEFINITION_HASH));
        assertEquals(state().baseDigests, ImageLabels.decodeBases(labels.get(ImageLabels.BASES)),
                "what the next check-update reads back is what was built from");
        assertTrue(labels.get(ImageLabels.CREATED).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    }

    @Test
    void optionalLabelsAreLeftOutRatherThanEmpty() {
        ReleaseState scratch = state();
        scratch.finalBase = null;
        Map<String, String> labels = ImageBuilder.labels(scratch, null, null);
        assertFalse(labels.containsKey(ImageLabels.BASE_NAME));
        assertFalse(labels.containsKey(ImageLabels.REVISION));
        assertFalse(labels.containsKey(ImageLabels.SOURCE));
        assertFalse(labels.containsValue(null));
    }
}
