package dev.platformimages.gate;

import dev.platformimages.clock.Sleeper;
import dev.platformimages.engine.CommandResult;
import dev.platformimages.engine.ContainerStatus;
import dev.platformimages.engine.HealthCheck;
import dev.platformimages.engine.ImageEngine;
import dev.platformimages.release.ReleaseLog;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Waits until a test app's HEALTHCHECK says healthy. Docker runs the check itself; Podman without systemd never
 * does (it runs health checks from systemd timers), so the status stays {@code starting}. When the engine has run no
 * check one interval and one timeout after the start, this runs the image's HEALTHCHECK command itself through the
 * engine's exec API on the check's interval, as Docker would: healthy after one success, unhealthy after the
 * check's retries of failures once its start period is over.
 */
final class HealthWait {

    /** What the wait ended with: healthy, or why not. */
    record Outcome(boolean healthy, String detail) {
    }

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final ImageEngine engine;
    private final ReleaseLog log;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;

    HealthWait(ImageEngine engine, ReleaseLog log) {
        this(engine, log, Sleeper.REAL, System::nanoTime);
    }

    HealthWait(ImageEngine engine, ReleaseLog log, Sleeper sleeper, LongSupplier nanoTime) {
        this.engine = engine;
        this.log = log;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
    }

    /** Waits for container {@code cid} of test app {@code app} until {@code deadline} (a {@link System#nanoTime()}). */
    Outcome await(String app, String cid, long deadline, Duration timeout) throws InterruptedException {
        long start = nanoTime.getAsLong();
        Optional<HealthCheck> check = null;
        boolean ourselves = false;
        long nextRun = start;
        int failures = 0;
        while (true) {
            ContainerStatus status = engine.status(cid);
            if (status.health() == null) {
                return new Outcome(false, "waitForHealthy is set but the test app has no HEALTHCHECK");
            }
            if (!status.running()) {
                return new Outcome(false, "its container stopped (exit code " + status.exitCode() + ") before it was healthy");
            }
            long now = nanoTime.getAsLong();
            if (!ourselves) {
                if ("healthy".equals(status.health())) {
                    return new Outcome(true, "healthy after " + Duration.ofNanos(now - start).toMillis() + " ms");
                }
                if ("unhealthy".equals(status.health())) {
                    return new Outcome(false, "its HEALTHCHECK reports unhealthy");
                }
                if (status.healthChecksRun() == 0) {
                    check = check != null ? check : engine.healthCheck(cid);
                    if (check.isPresent() && now - start >= check.get().interval().plus(check.get().timeout()).plus(GRACE).toNanos()) {
                        ourselves = true;
                        nextRun = now;
                        log.info("Test app " + app + ": the engine has run no HEALTHCHECK after "
                                + Duration.ofNanos(now - start).toSeconds() + " s (Podman without systemd runs none); "
                                + "running it through exec every " + check.get().interval().toSeconds() + " s: "
                                + String.join(" ", check.get().command()));
                    }
                }
            }
            if (ourselves && now >= nextRun) {
                HealthCheck hc = check.get();
                CommandResult result = engine.exec(cid, hc.command(), hc.timeout());
                now = nanoTime.getAsLong();
                if (result.exitCode() == 0) {
                    return new Outcome(true, "healthy after " + Duration.ofNanos(now - start).toMillis()
                            + " ms (HEALTHCHECK run through exec)");
                }
                if (now - start >= hc.startPeriod().toNanos() && ++failures >= hc.retries()) {
                    return new Outcome(false, "its HEALTHCHECK (run through exec) failed " + failures + " times; last exit "
                            + result.exitCode() + ": " + result.output().strip());
                }
                nextRun = now + hc.interval().toNanos();
            }
            if (nanoTime.getAsLong() + POLL.toNanos() >= deadline) {
                return new Outcome(false, "not healthy within " + timeout.toSeconds() + " s (HEALTHCHECK status: "
                        + status.health() + (ourselves ? ", run through exec " + failures + " time(s) without success" : "") + ")");
            }
            sleeper.sleep(POLL);
        }
    }
}
