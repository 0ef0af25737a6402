package dev.platformimages.engine;

/**
 * Whether a container runs, its exit code once it stopped (null while running), and its HEALTHCHECK status
 * ({@code starting}, {@code healthy}, {@code unhealthy}; null when the image has no HEALTHCHECK).
 */
public record ContainerStatus(boolean running, Long exitCode, String health) {
}
