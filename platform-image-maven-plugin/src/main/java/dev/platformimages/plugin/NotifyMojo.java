package dev.platformimages.plugin;

import dev.platformimages.notify.CiRun;
import dev.platformimages.notify.Notifier;
import dev.platformimages.notify.ReleaseEvent;
import dev.platformimages.notify.WebhookDelivery;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseStep;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Announces a published release on every notifications channel that takes releases: image, version
 * tag and digest, floating tags moved, why it was built, the checks it passed, how long it took, and links to
 * the CI run and (for ECR) the console. Runs in the deploy phase after push and skips when nothing was
 * released. A channel that cannot be reached after retries is a warning unless
 * {@code platform.failOnNotificationError} is set. Failures of earlier goals are announced by those goals.
 */
@Mojo(name = "notify", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class NotifyMojo extends AbstractRegistryMojo {

    @Override
    protected ReleaseStep step() {
        return ReleaseStep.NOTIFY;
    }

    @Override
    protected String goal() {
        return "notify";
    }

    @Override
    protected void run() {
        Notifier notifier = new Notifier(channels, new WebhookDelivery(), hub().log());
        if (notifier.channelsFor(ReleaseEvent.Outcome.RELEASED).isEmpty()) {
            getLog().info("Skipping notify: no <notifications> channel takes releases ("
                    + (channels.isEmpty() ? "none configured" : PROPERTY_NOTIFY_ON + "=" + notifyOn) + ")");
            return;
        }
        Optional<ReleaseState> release = hub().releaseToContinue(goal());
        if (release.isEmpty()) {
            return;
        }
        ReleaseState state = release.get();
        if (state.byAgents()) {
            getLog().info("Skipping notify: this agent built " + state.agentPlatform + " of release " + state.releaseId
                    + "; run notify after the assemble goal, which publishes it");
            return;
        }
        if (state.publishedDigest == null) {
            throw new ReleaseFailure(state.imageName() + ":" + state.versionTag + " was not published: "
                    + "nothing to announce (run push first; mvn deploy runs every goal in order)");
        }
        List<String> undelivered = notifier.send(ReleaseEvent.released(state, CiRun.detect(environment()).orElse(null),
                Instant.now()));
        if (undelivered.isEmpty()) {
            return;
        }
        if (failOnNotificationError) {
            throw new ReleaseFailure(ReleaseStep.NOTIFY, state.imageName() + ":" + state.versionTag + " was published, "
                    + "but " + undelivered.size() + " notification(s) could not be delivered (" + PROPERTY_FAIL_ON_NOTIFICATION_ERROR
                    + "=true)", "Undelivered", undelivered, null);
        }
        getLog().warn(undelivered.size() + " notification(s) could not be delivered; the release stands. Set "
                + PROPERTY_FAIL_ON_NOTIFICATION_ERROR + "=true to fail the build instead.");
    }
}
