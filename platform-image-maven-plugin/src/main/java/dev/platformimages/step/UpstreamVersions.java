package dev.platformimages.step;

import dev.platformimages.image.ImageLabels;
import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.PublishedImages;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.ReleaseState;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * For the release notes: the upstream's own version of each base that changed, before and after, as the upstream
 * labels it ({@code org.opencontainers.image.version}, where it does). Read only for the bases that moved (two config
 * reads each); a base whose old image is gone or unlabelled says nothing.
 */
public final class UpstreamVersions {

    private final RegistryClient registry;

    public UpstreamVersions(RegistryClient registry) {
        this.registry = registry;
    }

    /** A line per changed base whose version labels differ, e.g. {@code node:20 version 20.18.0 -> 20.18.1}. */
    public List<String> changes(ReleaseState state) {
        List<String> lines = new ArrayList<>();
        PublishedImages images = new PublishedImages(registry);
        for (Map.Entry<String, String> base : state.baseDigests.entrySet()) {
            String before = state.previousBaseDigests.get(base.getKey());
            if (before == null || before.equals(base.getValue()) || before.startsWith("date:") || base.getValue().startsWith("date:")) {
                continue;
            }
            ImageReference readFrom = ImageReference.parse(state.baseMirrors.getOrDefault(base.getKey(), base.getKey()));
            try {
                String was = images.labels(readFrom.withDigest(before)).get(ImageLabels.VERSION);
                String is = images.labels(readFrom.withDigest(base.getValue())).get(ImageLabels.VERSION);
                if (was != null && is != null) {
                    lines.add("base " + base.getKey() + " version " + (was.equals(is) ? is + " (rebuilt)" : was + " -> " + is)
                            + " (" + ImageLabels.VERSION + ")");
                }
            } catch (RegistryException | UncheckedIOException | IllegalArgumentException e) {
                // the old image may be gone from the upstream: the digests say what changed
            }
        }
        return lines;
    }
}
