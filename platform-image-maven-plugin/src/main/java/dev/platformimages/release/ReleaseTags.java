package dev.platformimages.release;

/**
 * The tags a release writes besides its version and floating tags, each ending in the run that owns it: a registry
 * setting (ECR's tag mutability exclusions, a lifecycle rule) must leave room for them.
 */
public final class ReleaseTags {

    /** A draft: the built image, pushed for its gates ({@code draft-{version}-{run}}). */
    public static final String DRAFT_PREFIX = "draft-";
    /** A claim of a version by one run ({@code claim-{version}-{run}}). */
    public static final String CLAIM_PREFIX = "claim-";

    private ReleaseTags() {
    }
}
