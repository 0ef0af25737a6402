package dev.platformimages.dockerfile;

import java.util.Optional;

/**
 * One FROM of a Dockerfile: what it builds from (ARGs substituted), its optional stage name and
 * {@code --platform}, and whether that is an earlier stage rather than an image from a registry.
 */
public final class BuildStage {

    private final int index;
    private final int line;
    private final String from;
    private final String name;
    private final String platform;
    private final boolean fromEarlierStage;

    BuildStage(int index, int line, String from, String name, String platform, boolean fromEarlierStage) {
        this.index = index;
        this.line = line;
        this.from = from;
        this.name = name;
        this.platform = platform;
        this.fromEarlierStage = fromEarlierStage;
    }

    public int index() {
        return index;
    }

    /** 1-based line of the FROM instruction. */
    public int line() {
        return line;
    }

    /** The image or stage name after substitution, as written otherwise. */
    public String from() {
        return from;
    }

    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    public Optional<String> platform() {
        return Optional.ofNullable(platform);
    }

    public boolean fromEarlierStage() {
        return fromEarlierStage;
    }

    /** An image pulled from a registry: not an earlier stage and not {@code scratch}. */
    public boolean fromUpstreamImage() {
        return !fromEarlierStage && !from.equalsIgnoreCase("scratch");
    }
}
