package dev.platformimages.step;

import dev.platformimages.engine.ImageEngine;
import dev.platformimages.image.ImageLabels;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.RunOwner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes the containers and test images the gates of a killed run left on the engine (kill -9, an OOM kill: no
 * shutdown hook ran): those whose labels name a run of this host whose process is gone. Those of a live run, also of
 * a concurrent build on the same engine, and those of other hosts are never touched.
 */
public final class EngineLeftovers {

    private EngineLeftovers() {
    }

    /** Removes what killed runs left; returns one line per thing removed. Never throws. */
    public static List<String> removeThoseOfGoneRuns(ImageEngine engine, ReleaseLog log) {
        List<String> removed = new ArrayList<>();
        List<ImageEngine.Labelled> labelled;
        try {
            labelled = engine.labelled(ImageLabels.MANAGED);
        } catch (RuntimeException e) {
            log.warn("Could not look for containers left by stopped runs: " + e.getMessage());
            return removed;
        }
        // Containers first: an image a container uses cannot go before it.
        for (ImageEngine.Labelled thing : labelled) {
            Optional<RunOwner> owner = RunOwner.from(thing.labels());
            if (owner.isEmpty() || !owner.get().isGone()) {
                continue;
            }
            String what = (thing.container() ? "container " : "test image ") + shortId(thing.id()) + " of " + owner.get();
            if (thing.container()) {
                engine.removeContainer(thing.id());
            } else {
                engine.removeImage(thing.id());
            }
            removed.add(what);
        }
        if (!removed.isEmpty()) {
            log.info("Removed what runs that were stopped left on the engine: " + String.join(", ", removed));
        }
        return removed;
    }

    private static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.substring(0, Math.min(12, hex.length()));
    }
}
