package dev.platformimages.engine;

/** Whether a container runs, and its exit code once it stopped. */
public final class ContainerStatus {
    private final boolean running;
    private final Long exitCode;

    public ContainerStatus(boolean running, Long exitCode) {
        this.running = running;
        this.exitCode = exitCode;
    }

    public boolean running() {
        return running;
    }

    public Long exitCode() {
        return exitCode;
    }
}
