package dev.platformimages.plugin;

import dev.platformimages.ecr.LifecyclePolicy;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseTarget;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters of an ECR lifecycle policy, shared by the lifecycle-policy goal and push (platform.lifecycle.apply). */
abstract class AbstractLifecyclePolicyMojo extends AbstractRegistryMojo {

    /** ECR lifecycle policy: how many of the newest versions (TAG-x.y.z) are kept; older ones expire unless a floating tag points at them. */
    @Parameter(property = "platform.lifecycle.keepVersions", defaultValue = "30")
    protected int keepVersions;

    /** ECR lifecycle policy: drafts (draft-* tags, left by stopped runs) expire after this many days. */
    @Parameter(property = "platform.lifecycle.draftDays", defaultValue = "7")
    protected int draftDays;

    /**
     * ECR lifecycle policy: untagged images expire after this many days. Untagged means no tag at all: images that
     * only a digest pin refers to. Keep it long enough for consumers who pin digests of older versions' manifests.
     */
    @Parameter(property = "platform.lifecycle.untaggedDays", defaultValue = "30")
    protected int untaggedDays;

    /** The policy the parameters describe, for the target's tag and floating tags; fails on a count below 1. */
    protected LifecyclePolicy lifecyclePolicy(ReleaseTarget target) {
        try {
            return LifecyclePolicy.forPlatformImage(target.tag(), target.floatingTags(), keepVersions, draftDays, untaggedDays);
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
    }
}
