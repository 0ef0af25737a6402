package dev.platformimages.plugin;

import dev.platformimages.notify.CiRun;
import dev.platformimages.notify.NotificationChannel;
import dev.platformimages.notify.Notifier;
import dev.platformimages.notify.ReleaseEvent;
import dev.platformimages.notify.WebhookDelivery;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.release.ReleaseTarget;
import org.apache.maven.plugin.logging.Log;

import java.time.Instant;
import java.util.List;

/**
 * Tells the failure channels which step of a goal failed, with the log that explains it and what was published.
 * Needs no registry and no AWS call (the target is named from the parameters alone), and never throws: the build
 * fails with the original error whatever happens here.
 */
final class FailureAnnouncer {

    private final List<NotificationChannel> channels;
    private final ServiceHub hub;
    private final Log log;

    FailureAnnouncer(List<NotificationChannel> channels, ServiceHub hub, Log log) {
        this.channels = channels;
        this.hub = hub;
        this.log = log;
    }

    void announce(ReleaseStep failedStep, String error, List<String> errorLog) {
        if (failedStep == ReleaseStep.NOTIFY) {
            return; // the channels are what failed
        }
        try {
            Notifier notifier = new Notifier(channels, new WebhookDelivery(), hub.log());
            if (notifier.channelsFor(ReleaseEvent.Outcome.FAILED).isEmpty()) {
                return;
            }
            // A failed check, or a goal run on its own, may find an older run's state: it published nothing of it.
            ReleaseState state = failedStep.continuesARelease() ? hub.stateStore().read().orElse(null) : null;
            ReleaseTarget target = hub.target();
            List<String> explaining = errorLog.isEmpty() ? hub.log().lines() : errorLog;
            notifier.send(ReleaseEvent.failed(target.registry(), target.repository(), target.tag(), state,
                    failedStep.label(), error, explaining, CiRun.detect(hub.environment()).orElse(null), Instant.now()));
        } catch (RuntimeException e) {
            log.warn("Could not send the failure notification: " + e.getMessage());
        }
    }
}
