package dev.platformimages.gate;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the gates created and must remove: removed by {@link #run()} in the normal course, or by a JVM shutdown
 * hook when the build is stopped (Ctrl-C, SIGTERM from a CI runner) while a gate runs.
 */
final class Cleanup implements AutoCloseable {

    private final Deque<Runnable> actions = new ArrayDeque<>();
    /** One runner at a time: a Ctrl-C runs the hook while the goal's thread may be closing this too. */
    private final Object running = new Object();
    private final Thread hook = new Thread(this::run, "platform-image-cleanup");
    private boolean hooked;

    Cleanup() {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            hooked = true;
        } catch (IllegalStateException e) {
            hooked = false; // already shutting down: run() in close() still cleans up
        }
    }

    /** Registers a removal; the newest runs first. */
    synchronized void add(Runnable action) {
        actions.push(action);
    }

    /**
     * Runs every registered removal once, newest first; each removal never throws. Runners take turns: were the hook
     * and the goal's thread to run removals side by side, an image could be removed while its container still was,
     * and stay (the engine refuses to delete an image a container uses).
     */
    void run() {
        synchronized (running) {
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = actions.poll();
                }
                if (next == null) {
                    return;
                }
                try {
                    next.run();
                } catch (RuntimeException e) {
                    // a removal is best effort: the next one still runs
                }
            }
        }
    }

    @Override
    public void close() {
        run();
        if (hooked) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs anyway and finds nothing left
            }
        }
    }
}
