package dev.platformimages.dockerfile;

/**
 * An image the build pulls from a registry, the line that uses it, the instruction ({@code FROM} or
 * {@code COPY --from}) and the platform a {@code FROM --platform=} asks for (null when none is given).
 */
public record UpstreamUse(String image, int line, String instruction, String platform) {
}
