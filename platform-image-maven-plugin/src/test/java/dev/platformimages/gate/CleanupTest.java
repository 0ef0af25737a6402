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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
