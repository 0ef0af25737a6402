package dev.platformimages.decision;

import dev.platformimages.version.Bump;

/** Why a new version is (or is not) published; each reason has the bump it implies. */
public enum UpdateReason {
    /** Nothing is published yet under this tag: the release is 1.0.0. */
    FIRST_VERSION(null),
    /** Someone asked for a release ({@code platform.force}). */
    FORCED(Bump.MINOR),
    /** The image's own definition (Dockerfile, build args, context files) changed. */
    DEFINITION_CHANGED(Bump.MINOR),
    /** An upstream base image now resolves to another digest. */
    BASE_CHANGED(Bump.PATCH),
    /**
     * The definition and bases did not change, but packages the published image has are newer in the package
     * sources the image itself uses (its apt sources or apk repositories, security suites included).
     */
    PACKAGES_OUTDATED(Bump.PATCH),
    /**
     * The newest version matches the definition and bases but a floating tag does not point at it: a release
     * stopped between its version tag and its floating tags. Nothing is built; push moves the floating tags.
     */
    PROMOTION_INCOMPLETE(null),
    /** Nothing changed: every later goal skips. */
    UP_TO_DATE(null);

    private final Bump defaultBump;

    UpdateReason(Bump defaultBump) {
        this.defaultBump = defaultBump;
    }

    /** The bump this reason implies; null for FIRST_VERSION (always 1.0.0) and when no version is made. */
    public Bump defaultBump() {
        return defaultBump;
    }

    /** Whether a release is due: a new version, or the floating tags of the newest one. */
    public boolean publishes() {
        return this != UP_TO_DATE;
    }

    /** Whether a new image is built, tested and published as a new version. */
    public boolean builds() {
        return this != UP_TO_DATE && this != PROMOTION_INCOMPLETE;
    }
}
