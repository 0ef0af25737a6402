package dev.platformimages.plugin;

import dev.platformimages.engine.EngineException;
import dev.platformimages.notify.CiRun;
import dev.platformimages.notify.NotificationChannel;
import dev.platformimages.notify.Notifier;
import dev.platformimages.notify.ReleaseEvent;
import dev.platformimages.notify.WebhookDelivery;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.release.ReleaseTarget;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

import java.io.UncheckedIOException;
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

    /** A goal's work, as {@link AbstractPlatformImageMojo} runs it. */
    interface GoalWork {
        void run() throws MojoExecutionException, MojoFailureException;
    }

    /**
     * Runs the goal's work; a failure is announced as the step it names, else as {@code step}, then thrown as Maven
     * expects it: a release failure (bad input, a failed gate) as the build's failure, an engine, registry or I/O
     * error as an execution error.
     */
    void runAnnouncingFailures(ReleaseStep step, GoalWork work) throws MojoExecutionException, MojoFailureException {
        try {
            work.run();
        } catch (ReleaseFailure e) {
            announce(e.step().orElse(step), e.getMessage(), e.log());
            throw new MojoFailureException(e.describe(), e);
        } catch (RegistryException | EngineException e) {
            announce(step, e.getMessage(), List.of());
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            String message = e.getMessage() + ": " + e.getCause().getMessage();
            announce(step, message, List.of());
            throw new MojoExecutionException(message, e);
        } catch (MojoExecutionException | MojoFailureException | RuntimeException e) {
            announce(step, String.valueOf(e.getMessage()), List.of());
            throw e;
        }
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
