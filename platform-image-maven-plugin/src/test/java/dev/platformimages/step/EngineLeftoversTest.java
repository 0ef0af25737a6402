package dev.platformimages.step;

import dev.platformimages.engine.ImageEngine;
import dev.platformimages.image.ImageLabels;
import dev.platformimages.release.RunOwner;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Only what a run of this host whose process is gone left is removed: never a live run's, never another host's. */
class EngineLeftoversTest {

    private final List<String> removed = new ArrayList<>();
    private final List<ImageEngine.Labelled> labelled = new ArrayList<>();

    private static Map<String, String> labels(RunOwner owner) {
        Map<String, String> labels = new HashMap<>(owner.asLabels());
        labels.put(ImageLabels.MANAGED, "true");
        return labels;
    }

    @Test
    void theContainersAndImagesOfGoneRunsGoContainersFirst() {
        RunOwner gone = new RunOwner(RunOwner.current().host(), Long.MAX_VALUE - 1, "1");
        RunOwner alive = RunOwner.current();
        RunOwner elsewhere = new RunOwner("another-agent", 1, "1");
        labelled.add(new ImageEngine.Labelled(false, "sha256:aaaaaaaaaaaaaaaa", labels(gone)));
        labelled.add(new ImageEngine.Labelled(true, "c-gone", labels(gone)));
        labelled.add(new ImageEngine.Labelled(true, "c-alive", labels(alive)));
        labelled.add(new ImageEngine.Labelled(true, "c-elsewhere", labels(elsewhere)));
        labelled.add(new ImageEngine.Labelled(true, "c-unlabelled-run", Map.of(ImageLabels.MANAGED, "true")));

        List<String> lines = EngineLeftovers.removeThoseOfGoneRuns(engine(), new RecordingLog());

        assertEquals(List.of("container c-gone", "image sha256:aaaaaaaaaaaaaaaa"), removed);
        assertEquals(2, lines.size());
    }

    private ImageEngine engine() {
        return new FakeEngine() {
            @Override
            public List<Labelled> labelled(String label) {
                // The engine lists containers first, then images.
                List<Labelled> sorted = new ArrayList<>(labelled.stream().filter(Labelled::container).toList());
                sorted.addAll(labelled.stream().filter(l -> !l.container()).toList());
                return sorted;
            }

            @Override
            public void removeContainer(String containerId) {
                removed.add("container " + containerId);
            }

            @Override
            public void removeImage(String reference) {
                removed.add("image " + reference);
            }
        };
    }
}
