package dev.platformimages.engine;

/** Whether a container runs, and its exit code once it stopped (null while running). */
public record ContainerStatus(boolean running, Long exitCode) {
}
