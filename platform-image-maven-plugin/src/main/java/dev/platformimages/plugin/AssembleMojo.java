package dev.platformimages.plugin;

import dev.platformimages.agent.AgentRun;
import dev.platformimages.decision.UpdateReason;
import dev.platformimages.image.Platforms;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.step.AgentReleases;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;
import java.util.Optional;

/**
 * Publishes a multi-arch release whose platforms were built and gated by separate agents ({@code platform.platform}
 * on each): finds the release's pinned decision and every agent's gate record in the registry, checks that each
 * platform of {@code platform.platforms} has a draft whose gates passed and that each draft, as the registry holds it,
 * is of its platform and was built from the decision's definition and upstream digests, then makes the index of those
 * exact drafts and promotes it as push does (version tag first, floating tags after, signed when configured, drafts
 * deleted). A missing, failed or mismatched platform, or a release published already, fails naming it, and nothing is
 * published. Needs no Docker engine; run it once every agent's job is done: {@code mvn platform-image:assemble}
 * (then {@code platform-image:notify}). The state goes to {@code target/platform-image/state.json} as push's does.
 */
@Mojo(name = "assemble", threadSafe = true)
public class AssembleMojo extends PushMojo {

    /** Every platform of the release, as the agents were given it (e.g. linux/amd64,linux/arm64). */
    @Parameter(property = "platform.platforms")
    protected String platforms;

    /**
     * The release to assemble: the platform.releaseId its agents were given. Unset: GITHUB_RUN_ID or BUILD_BUILDID, as on
     * the agents.
     */
    @Parameter(property = AgentRun.PROPERTY_RELEASE_ID)
    protected String releaseId;

    @Override
    protected ReleaseStep step() {
        return ReleaseStep.PUSH;
    }

    @Override
    protected String goal() {
        return "assemble";
    }

    @Override
    protected void run() {
        List<String> wanted;
        String release;
        try {
            wanted = Platforms.parse(platforms);
            release = AgentRun.releaseId(releaseId, hub().environment());
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
        if (wanted.size() < 2) {
            throw new ReleaseFailure("the assemble goal makes a multi-arch release: give platform.platforms every platform "
                    + "its agents built (e.g. linux/amd64,linux/arm64), not " + (wanted.isEmpty() ? "none" : wanted));
        }
        Optional<ReleaseState> assembled = new AgentReleases(hub().registryClient(), hub().log())
                .assemble(hub().target(), wanted, release);
        if (assembled.isEmpty()) {
            // No release: a later notify has nothing to announce.
            ReleaseState nothing = new ReleaseState();
            nothing.registry = hub().target().registry();
            nothing.repository = hub().target().repository();
            nothing.tag = hub().target().tag();
            nothing.reason = UpdateReason.UP_TO_DATE;
            nothing.explanation = "no agent of release " + release + " found the image due";
            hub().stateStore().write(nothing);
            return;
        }
        hub().stateStore().write(assembled.get());
        publish(assembled.get());
    }
}
