package dev.platformimages.dockerfile;

/** An image the build pulls from a registry, and the line that uses it (a FROM or a COPY --from). */
public final class UpstreamUse {
    private final String image;
    private final int line;
    private final String instruction;

    UpstreamUse(String image, int line, String instruction) {
        this.image = image;
        this.line = line;
        this.instruction = instruction;
    }

    public String image() {
        return image;
    }

    public int line() {
        return line;
    }

    /** FROM or COPY --from. */
    public String instruction() {
        return instruction;
    }
}
