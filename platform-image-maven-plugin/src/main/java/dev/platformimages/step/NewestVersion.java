package dev.platformimages.step;

import dev.platformimages.image.ImageLabels;
import dev.platformimages.registry.PublishedImages;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.release.ReleaseTarget;
import dev.platformimages.version.VersionTag;

import java.util.List;
import java.util.Optional;

/**
 * How a check reads the newest published version, in one place so that the reactor's read-ahead makes exactly the reads
 * the check will ask for. When the last floating tag to move is the image's own tag ({@code platform.tag}, which only
 * this image's releases and rollbacks move) and the image it points at is labelled with the newest version, that image
 * is the newest version (a version tag and its floating tags are copies of one manifest): its manifest and config are
 * read once, and tell both the newest version's labels and where the floating tags point, in two requests after the tag
 * list. Otherwise (rolled back, a release that stopped before its floating tags, extra floating tags, images labelled
 * before versions were) the newest version is read by its own tag, and the last floating tag is asked for when needed.
 */
final class NewestVersion {

    /**
     * @param version            the newest version tag
     * @param image              what it says about itself
     * @param lastFloatingDigest where the last floating tag points (null: nowhere), when {@code lastFloatingRead}
     * @param lastFloatingRead   whether the last floating tag was read; if not, a check that needs it HEADs it
     */
    record Found(VersionTag version, PublishedImages.Published image, String lastFloatingDigest, boolean lastFloatingRead) {
    }

    private NewestVersion() {
    }

    static Optional<Found> read(RegistryClient registry, ReleaseTarget target, List<String> publishedTags) {
        Optional<VersionTag> newest = VersionTag.newest(target.tag(), publishedTags);
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        PublishedImages images = new PublishedImages(registry);
        List<String> floating = target.floatingTags();
        String last = floating.get(floating.size() - 1);
        if (last.equals(target.tag()) && !publishedTags.contains(last)) {
            return Optional.of(new Found(newest.get(), images.describe(target.reference(newest.get().tag())), null, true));
        }
        if (last.equals(target.tag())) {
            Optional<PublishedImages.Published> atFloating = images.describeIfPresent(target.reference(last));
            String floatingDigest = atFloating.map(PublishedImages.Published::digest).orElse(null);
            if (atFloating.isPresent()
                    && newest.get().version().toString().equals(atFloating.get().labels().get(ImageLabels.VERSION))) {
                return Optional.of(new Found(newest.get(), atFloating.get(), floatingDigest, true));
            }
            return Optional.of(new Found(newest.get(), images.describe(target.reference(newest.get().tag())), floatingDigest, true));
        }
        return Optional.of(new Found(newest.get(), images.describe(target.reference(newest.get().tag())), null, false));
    }
}
