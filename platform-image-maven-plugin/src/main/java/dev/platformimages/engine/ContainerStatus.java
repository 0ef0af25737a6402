package dev.platformimages.engine;

/**
 * Whether a container runs, its exit code once it stopped (null while running), its HEALTHCHECK status
 * ({@code starting}, {@code healthy}, {@code unhealthy}; null when the image has no HEALTHCHECK) and how many
 * health checks the engine has run (-1 when it does not say).
 */
public record ContainerStatus(boolean running, Long exitCode, String health, int healthChecksRun) {

    public ContainerStatus(boolean running, Long exitCode, String health) {
        this(running, exitCode, health, -1);
    }
}
