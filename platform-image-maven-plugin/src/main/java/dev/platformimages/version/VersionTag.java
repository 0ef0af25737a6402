package dev.platformimages.version;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A published version tag {@code {tag}-MAJOR.MINOR.PATCH}, for example {@code 8.0-bookworm-slim-1.4.0}.
 * The tag prefix is the image's {@code platform.tag}; tags of any other shape are not versions.
 */
public final class VersionTag {

    /** Docker's tag grammar: a word character first, then up to 127 of [\w.-]. */
    private static final Pattern DOCKER_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private final String prefix;
    private final SemanticVersion version;

    public VersionTag(String prefix, SemanticVersion version) {
        this.prefix = Objects.requireNonNull(prefix);
        this.version = Objects.requireNonNull(version);
    }

    /** Whether {@code tag} is a valid Docker tag (what a registry accepts after the colon). */
    public static boolean isValidDockerTag(String tag) {
        return tag != null && DOCKER_TAG.matcher(tag).matches();
    }

    /** Parses {@code candidate} as a version of {@code prefix}; empty when it is another kind of tag. */
    public static Optional<VersionTag> parse(String prefix, String candidate) {
        if (candidate == null || !candidate.startsWith(prefix + "-")) {
            return Optional.empty();
        }
        return SemanticVersion.parse(candidate.substring(prefix.length() + 1))
                .map(v -> new VersionTag(prefix, v));
    }

    /** The highest version among {@code tags}, compared numerically; tags of other shapes are ignored. */
    public static Optional<VersionTag> newest(String prefix, Collection<String> tags) {
        return tags.stream()
                .map(t -> parse(prefix, t))
                .flatMap(Optional::stream)
                .max((a, b) -> a.version.compareTo(b.version));
    }

    public String prefix() {
        return prefix;
    }

    public SemanticVersion version() {
        return version;
    }

    public String tag() {
        return prefix + "-" + version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionTag && ((VersionTag) o).tag().equals(tag());
    }

    @Override
    public int hashCode() {
        return tag().hashCode();
    }

    @Override
    public String toString() {
        return tag();
    }
}
