package dev.platformimages.http;

import java.time.Duration;

/** Waits between attempts; a seam so that tests of retrying clients need not wait. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
