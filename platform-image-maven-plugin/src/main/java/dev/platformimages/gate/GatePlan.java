package dev.platformimages.gate;

import dev.platformimages.release.ReleaseFailure;

import java.util.List;

/**
 * The gates of one release, in the order they run: self-tests, then test apps.
 *
 * @param failureLogLines how many lines of a failed container's log are printed
 */
public record GatePlan(List<SelfTest> selfTests, List<TestApp> apps, int failureLogLines) {

    public GatePlan {
        selfTests = List.copyOf(selfTests);
        apps = List.copyOf(apps);
        if (failureLogLines < 0) {
            throw new ReleaseFailure("platform.failureLogLines is " + failureLogLines + ": use 0 or more");
        }
    }

    /** Checks every test app's definition (Dockerfile, base image wiring); nothing is built or run. */
    public GatePlan validate() {
        apps.forEach(TestApp::validate);
        return this;
    }

    public boolean isEmpty() {
        return selfTests.isEmpty() && apps.isEmpty();
    }
}
