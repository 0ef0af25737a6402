package dev.platformimages.plugin;

import dev.platformimages.clock.Sleeper;
import dev.platformimages.ecr.LifecyclePolicies;
import dev.platformimages.ecr.LifecyclePolicy;
import dev.platformimages.ecr.ScanReader;
import dev.platformimages.notify.CiRun;
import dev.platformimages.registry.ReferrerStore;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.signing.ImageSigner;
import dev.platformimages.step.Drafts;
import dev.platformimages.step.Publisher;
import dev.platformimages.step.ReleaseProofs;
import dev.platformimages.step.ReleasedFindings;
import dev.platformimages.step.ReleasedPackages;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Publishes the tested draft: copies its manifest, byte for byte, to the version tag TAG-MAJOR.MINOR.PATCH
 * (refusing to overwrite an existing version tag, and reading the tag back to catch a concurrent build), then
 * moves latest, TAG and the extra tags the same way, and deletes the draft. No layer is uploaded again and no
 * Docker engine is needed. When check-update found a release that stopped before moving its floating tags
 * (PROMOTION_INCOMPLETE), only those move. Prints the repository, version tag, digest and floating tags.
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PushMojo extends AbstractLifecyclePolicyMojo {

    /**
     * ECR: after publishing, also apply the lifecycle policy the platform.lifecycle parameters describe (as the
     * lifecycle-policy goal does; nothing is sent when the repository's policy is the same already).
     */
    @Parameter(property = "platform.lifecycle.apply", defaultValue = "false")
    protected boolean applyLifecyclePolicy;

    /** This plugin's version, which the provenance names as its builder. */
    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    protected String pluginVersion;


    @Override
    protected ReleaseStep step() {
        return ReleaseStep.PUSH;
    }

    @Override
    protected String goal() {
        return "push";
    }

    @Override
    protected void run() {
        Optional<ReleaseState> release = hub().releaseToContinue(goal());
        if (release.isEmpty()) {
            return;
        }
        ReleaseState state = release.get();
        if (state.byAgents()) {
            getLog().info("Skipping push: this agent built and gated " + state.agentPlatform + " of release " + state.releaseId
                    + "; the assemble goal publishes the release once every platform's agent is done");
            return;
        }
        publish(state);
    }

    /** Publishes the tested draft of {@code state} (signed when configured), and writes the state after. */
    protected void publish(ReleaseState state) {
        LifecyclePolicy policy = null;
        if (applyLifecyclePolicy) {
            if (hub().ecr().isEmpty()) {
                throw new ReleaseFailure("platform.lifecycle.apply is set but " + registry + " is not an ECR registry: "
                        + "use the prune goal for other registries");
            }
            policy = lifecyclePolicy(hub().target()); // a bad count fails before anything is published
        }
        RegistryClient registry = hub().registryClient();
        Publisher publisher = new Publisher(registry, new Drafts(registry, hub().log()), hub().log());
        Optional<ImageSigner> signer = hub().signer(signingOptions());
        if (signer.isPresent()) {
            publisher.withProofs(new ReleaseProofs(registry, new ReferrerStore(registry), hub().inventories(registry), signer.get(),
                    hub().log(), new ReleaseProofs.Run(pluginVersion, CiRun.detect(hub().environment()).map(CiRun::url).orElse(null),
                    project.getArtifactId() + "/pom.xml", Instant.now())));
        } else if (signingOptions().required()) {
            throw new ReleaseFailure("platform.signing.required is set but no platform.signing.key is given: nothing is "
                    + "published unsigned. Set platform.signing.key to a PEM key file or an awskms:// key");
        }
        try {
            if (state.builds()) {
                publisher.publish(state, hub().target().floatingTags());
            } else {
                publisher.completePromotion(state, hub().target().floatingTags());
            }
            if (packageOptions().inventory()) {
                new ReleasedPackages(registry, hub().inventories(registry),
                        packageOptions().checkUpdates() ? hub().packageSourceCheck(packageOptions()) : null, hub().log()).record(state);
            }
            if (hub().ecr().isPresent() && state.builds()) {
                new ReleasedFindings(registry, new ScanReader(hub().ecr().get()), hub().log()).record(state);
            }
        } finally {
            // Also after a failure: the state then says exactly what was published.
            hub().stateStore().write(state);
            getLog().info("Registry requests of this push: " + String.join("; ", registry.requestCounts()));
        }
        if (policy != null) {
            new LifecyclePolicies(hub().ecr().orElseThrow(), hub().log(), Sleeper.REAL, Duration.ofSeconds(120))
                    .apply(state.repository, policy);
        }
    }
}
