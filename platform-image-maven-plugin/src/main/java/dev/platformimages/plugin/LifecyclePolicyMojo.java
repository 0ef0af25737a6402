package dev.platformimages.plugin;

import dev.platformimages.clock.Sleeper;
import dev.platformimages.ecr.EcrSession;
import dev.platformimages.ecr.LifecyclePolicies;
import dev.platformimages.ecr.LifecyclePolicy;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.release.ReleaseTarget;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.time.Duration;

/**
 * Renders the ECR lifecycle policy of the image's repository from parameters and applies it (PutLifecyclePolicy)
 * when the repository's policy differs: the images latest, TAG and the extra tags point to never expire, the newest
 * platform.lifecycle.keepVersions versions are kept, drafts expire after platform.lifecycle.draftDays and untagged
 * images after platform.lifecycle.untaggedDays. With platform.dryRun=true it prints the JSON and ECR's preview of
 * what would expire, and applies nothing. ECR only; other registries use the prune goal.
 */
@Mojo(name = "lifecycle-policy", threadSafe = true)
public class LifecyclePolicyMojo extends AbstractLifecyclePolicyMojo {

    /** Prints the policy and ECR's preview of what it would expire; applies nothing. */
    @Parameter(property = "platform.dryRun", defaultValue = "false")
    protected boolean dryRun;

    @Override
    protected ReleaseStep step() {
        return ReleaseStep.LIFECYCLE_POLICY;
    }

    @Override
    protected String goal() {
        return "lifecycle-policy";
    }

    @Override
    protected boolean usesNotifications() {
        return false;
    }

    @Override
    protected void run() {
        EcrSession ecr = hub().ecr().orElseThrow(() -> new ReleaseFailure("lifecycle-policy manages ECR lifecycle policies, and "
                + registry + " is not an ECR registry: use the prune goal for other registries"));
        ReleaseTarget target = hub().target();
        LifecyclePolicy policy = lifecyclePolicy(target);
        LifecyclePolicies policies = new LifecyclePolicies(ecr, hub().log(), Sleeper.REAL, Duration.ofSeconds(120));
        if (dryRun) {
            policies.preview(target.repository(), policy);
        } else {
            policies.apply(target.repository(), policy);
        }
    }
}
