package dev.platformimages.plugin;

import dev.platformimages.ecr.LifecyclePolicy;
import dev.platformimages.plugin.config.LifecycleConfiguration;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseTarget;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters of an ECR lifecycle policy, shared by the lifecycle-policy goal and push (platform.lifecycle.apply). */
abstract class AbstractLifecyclePolicyMojo extends AbstractRegistryMojo {

    /**
     * The ECR lifecycle policy's counts (ECR registries only). Each element can also be given as its property (in
     * parentheses); an element written here wins over the property.
     * <ul>
     * <li>{@code <keepVersions>} (platform.lifecycle.keepVersions, default 30): how many of the newest versions
     * (TAG-x.y.z) are kept; older ones expire unless a floating tag points at them.</li>
     * <li>{@code <draftDays>} (platform.lifecycle.draftDays, default 7): drafts (draft-* tags, left by stopped runs)
     * expire after this many days.</li>
     * <li>{@code <untaggedDays>} (platform.lifecycle.untaggedDays, default 30): untagged images expire after this many
     * days. Untagged means no tag at all: images that only a digest pin refers to. Keep it long enough for consumers
     * who pin digests of older versions' manifests.</li>
     * </ul>
     */
    @Parameter
    protected LifecycleConfiguration lifecycle;

    /** The policy the parameters describe, for the target's tag and floating tags; fails on a count below 1. */
    protected LifecyclePolicy lifecyclePolicy(ReleaseTarget target) {
        try {
            LifecycleConfiguration.Values counts = LifecycleConfiguration.resolve(lifecycle, properties());
            return LifecyclePolicy.forPlatformImage(target.tag(), target.floatingTags(), counts.keepVersions(),
                    counts.draftDays(), counts.untaggedDays());
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
    }
}
