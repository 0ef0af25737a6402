package dev.platformimages.gate;

import dev.platformimages.release.ReleaseFailure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What the gates created and must remove: removed by {@link #run()} in the normal course, or by a JVM shutdown
 * hook when the build is stopped (Ctrl-C, SIGTERM from a CI runner) while a gate runs.
 */
final class Cleanup implements AutoCloseable {

    /** How long the hook waits before it runs the removals again: a container being created when it first ran. */
    static final long SECOND_PASS_MILLIS = 2_000;

    private final Deque<Runnable> actions = new ArrayDeque<>();
    /** Every removal registered, for the hook's second pass. */
    private final List<Runnable> registered = new ArrayList<>();
    /** One runner at a time: a Ctrl-C runs the hook while the goal's thread may be closing this too. */
    private final Object running = new Object();
    private final Thread hook = new Thread(this::runFromHook, "platform-image-cleanup");
    private final boolean hooked;

    Cleanup() {
        this(Runtime.getRuntime()::addShutdownHook);
    }

    /**
     * @param hooks registers the shutdown hook; it throws IllegalStateException when the JVM is shutting down already
     * @throws ReleaseFailure when the build is being stopped: no gate may start what nothing would remove (the JVM
     *                        halts once its hooks are done, and a container created then would stay)
     */
    Cleanup(java.util.function.Consumer<Thread> hooks) {
        try {
            hooks.accept(hook);
        } catch (IllegalStateException e) {
            throw new ReleaseFailure("the build is being stopped: no further gate starts");
        }
        hooked = true;
    }

    /** Registers a removal; the newest runs first. */
    synchronized void add(Runnable action) {
        actions.push(action);
        registered.add(action);
    }

    /**
     * The hook: every removal, then, after a pause, every removal again (each is idempotent), for a container whose
     * creation was under way when the build was stopped: the engine creates it after the first removal found none.
     */
    void runFromHook() {
        run();
        List<Runnable> again;
        synchronized (this) {
            again = new ArrayList<>(registered);
        }
        if (again.isEmpty()) {
            return;
        }
        try {
            Thread.sleep(SECOND_PASS_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (running) {
            for (int i = again.size() - 1; i >= 0; i--) {
                try {
                    again.get(i).run();
                } catch (RuntimeException e) {
                    // best effort, as in run()
                }
            }
        }
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
        synchronized (this) {
            registered.clear(); // removed in the normal course: the hook has nothing to do again
        }
        if (hooked) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs anyway and finds nothing left
            }
        }
    }
}
