package dev.platformimages.dockerfile;

/**
 * An image the build pulls from a registry, the line that uses it, and the instruction
 * ({@code FROM} or {@code COPY --from}).
 */
public record UpstreamUse(String image, int line, String instruction) {
}
