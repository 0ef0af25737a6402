package dev.platformimages.clock;

import java.time.Duration;

/**
 * Waits: between attempts of retrying clients, for a container to become healthy, for a scan; a seam so that tests
 * need not wait.
 */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
