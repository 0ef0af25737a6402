package dev.platformimages.step;

import dev.platformimages.registry.Referrers;
import dev.platformimages.release.ReleaseTarget;
import dev.platformimages.version.VersionTag;

import java.util.List;
import java.util.function.Predicate;

/**
 * Which tags of a repository this plugin manages: its version tags, its floating tags, its drafts, its claims on
 * versions, its rollback markers and the referrers lists of the artifacts it keeps with images. Every other tag (a consumer's {@code prod} pin, a hotfix tag, an extra tag since dropped from the POM)
 * belongs to someone else, and an image it points at is never deleted without being asked.
 */
public final class TagOwnership implements Predicate<String> {

    private final String tagPrefix;
    private final List<String> floatingTags;

    private TagOwnership(String tagPrefix, List<String> floatingTags) {
        this.tagPrefix = tagPrefix;
        this.floatingTags = floatingTags;
    }

    /** The tags of the release repository of {@code target} (and of drafts that share it). */
    public static TagOwnership of(ReleaseTarget target) {
        return new TagOwnership(target.tag(), target.floatingTags());
    }

    /** The tags of a draft repository of its own: drafts only. */
    public static TagOwnership drafts() {
        return new TagOwnership(null, List.of());
    }

    /** Whether this plugin manages {@code tag}. */
    @Override
    public boolean test(String tag) {
        if (tag.startsWith(Drafts.PREFIX) || tag.startsWith(VersionClaims.PREFIX) || Referrers.isKeptWithImage(tag)) {
            return true;
        }
        if (tagPrefix == null) {
            return false;
        }
        if (floatingTags.contains(tag) || VersionTag.parse(tagPrefix, tag).isPresent()) {
            return true;
        }
        return tag.endsWith(Rollback.MARKER_SUFFIX)
                && VersionTag.parse(tagPrefix, tag.substring(0, tag.length() - Rollback.MARKER_SUFFIX.length())).isPresent();
    }
}
