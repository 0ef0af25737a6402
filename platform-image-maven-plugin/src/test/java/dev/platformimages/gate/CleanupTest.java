package dev.platformimages.gate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CleanupTest {

    /**
     * The shutdown hook and the goal's thread both run the removals after a Ctrl-C: the image's removal must not start
     * while its container's is still under way (the engine would refuse it and the image would stay).
     */
    @Test
    void twoRunnersTakeTurnsSoTheImageGoesAfterItsContainer() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch containerRemovalStarted = new CountDownLatch(1);
        try (Cleanup cleanup = new Cleanup()) {
            cleanup.add(() -> events.add("image removed"));
            cleanup.add(() -> {
                events.add("container removal starts");
                containerRemovalStarted.countDown();
                sleep(300); // a slow engine
                events.add("container removed");
            });
            Thread hook = new Thread(cleanup::run);
            hook.start();
            assertTrue(containerRemovalStarted.await(5, TimeUnit.SECONDS));
            cleanup.run(); // the goal's thread, at the same time
            hook.join(5_000);
        }
        assertEquals(List.of("container removal starts", "container removed", "image removed"), events);
    }

    @Test
    void eachRemovalRunsOnceAndAFailingOneDoesNotStopTheOthers() {
        List<String> events = new ArrayList<>();
        Cleanup cleanup = new Cleanup();
        cleanup.add(() -> events.add("first added, last run"));
        cleanup.add(() -> {
            throw new IllegalStateException("engine gone");
        });
        cleanup.add(() -> events.add("last added, first run"));
        cleanup.close();
        cleanup.run();
        assertEquals(List.of("last added, first run", "first added, last run"), events);
    }

    /** A Ctrl-C between two gates: the JVM is shutting down, so the next gate must not start a container. */
    @Test
    void noGateStartsOnceTheBuildIsBeingStopped() {
        dev.platformimages.release.ReleaseFailure refused = org.junit.jupiter.api.Assertions.assertThrows(
                dev.platformimages.release.ReleaseFailure.class, () -> new Cleanup(hook -> {
                    throw new IllegalStateException("Shutdown in progress");
                }));
        assertEquals("the build is being stopped: no further gate starts", refused.getMessage());
    }

    /** A container the engine created after the hook's first pass found none is removed by its second pass. */
    @Test
    void theHookRemovesAgainWhatWasBeingCreatedWhenItFirstRan() throws Exception {
        List<Thread> hooks = new ArrayList<>();
        Cleanup cleanup = new Cleanup(hooks::add);
        List<String> containers = Collections.synchronizedList(new ArrayList<>());
        cleanup.add(() -> containers.remove("self-test"));
        Thread hook = new Thread(cleanup::runFromHook);
        hook.start();
        sleep(200);
        containers.add("self-test"); // the engine finishes creating it now
        hook.join(10_000);
        assertEquals(List.of(), containers);
        assertEquals(1, hooks.size());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
