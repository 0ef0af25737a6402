package dev.platformimages.plugin;

import dev.platformimages.agent.AgentRun;
import dev.platformimages.gate.GatePlan;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLock;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.signing.ImageSigner;
import dev.platformimages.step.AgentReleases;
import dev.platformimages.step.BinfmtCheck;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import java.util.Optional;

/**
 * Decides whether a new version of the image is due: FIRST_VERSION (nothing published yet), FORCED
 * ({@code platform.force}), DEFINITION_CHANGED (Dockerfile, build args or context files), BASE_CHANGED
 * (an upstream base's tag resolves to another digest) or UP_TO_DATE, in which case every later goal skips.
 * Resolves each upstream base with one HEAD request and reads the newest published version's labels through
 * the registry API; needs no Docker engine. The decision goes to {@code target/platform-image/state.json}.
 */
@Mojo(name = "check-update", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class CheckUpdateMojo extends AbstractDecidingMojo {

    @Override
    protected ReleaseStep step() {
        return ReleaseStep.CHECK;
    }

    @Override
    protected String goal() {
        return "check-update";
    }

    @Override
    protected void run() {
        GatePlan gates = gates(); // a bad gate configuration fails now, not after the build
        boolean scanGate = scanPolicy() != null;
        if (hub().ecr().isPresent()) {
            hub().repositorySettings(hub().target()); // bad repository settings fail before anything is created
        }
        parsedBump(); // a bad platform.bump fails before anything is read
        ReleaseState state = decide();
        if (state.builds() && configuredGates().untestedRelease(gates, scanGate, registry + "/" + repository)) {
            state.planUntested(); // the failure comes before the build, the lock and the state file
            getLog().warn("platform.allowUntested=true: no gate tests " + state.imageName() + "; it will be published "
                    + "untested and labelled " + dev.platformimages.image.ImageLabels.UNTESTED + "=true");
        }
        Optional<AgentRun> agent = agentRun();
        if (agent.isPresent()) {
            // Before anything is built: every agent of the release builds the decision the first one pinned.
            state = new AgentReleases(hub().registryClient(), hub().log()).pin(state, agent.get());
        }
        if (state.builds() && !state.buildPlatforms().isEmpty()) {
            BinfmtCheck.local().requireRunnable(state.buildPlatforms()); // before the lock and the build, not during
        }
        if (state.publishes()) {
            // The key is read now: a missing key, a wrong passphrase or a KMS key out of reach fails before the build.
            Optional<ImageSigner> signer = hub().signer(signingOptions());
            if (signer.isEmpty() && signingOptions().required()) {
                throw new ReleaseFailure("platform.signing.required is set but no platform.signing.key is given: nothing is "
                        + "published unsigned. Set platform.signing.key to a PEM key file or an awskms:// key");
            }
            signer.ifPresent(s -> getLog().info("Releases are signed with " + s.description() + " (key "
                    + ImageSigner.hint(s.publicKey()) + ")"));
        }
        if (state.publishes()) {
            ReleaseLock.acquire(ReleaseLock.defaultDirectory(), state.registry, state.repository);
        }
        hub().stateStore().write(state);
        if (state.publishes()) {
            getLog().info(state.reason + ": " + state.explanation);
        } else {
            getLog().info("UP_TO_DATE: " + state.explanation + ". Nothing to publish.");
        }
    }
}
