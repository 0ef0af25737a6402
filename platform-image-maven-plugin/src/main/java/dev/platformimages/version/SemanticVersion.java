package dev.platformimages.version;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A MAJOR.MINOR.PATCH version, compared numerically (1.10.0 is newer than 1.9.0). */
public final class SemanticVersion implements Comparable<SemanticVersion> {

    public static final SemanticVersion FIRST = new SemanticVersion(1, 0, 0);

    // No leading zeros (as in semver 2.0), and at most 9 digits so each part fits an int.
    private static final Pattern FORMAT = Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})");

    private final int major;
    private final int minor;
    private final int patch;

    public SemanticVersion(int major, int minor, int patch) {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version parts must not be negative: " + major + "." + minor + "." + patch);
        }
        this.major = major;
        this.minor = minor;
        this.patch = patch;
    }

    /** Parses "1.4.0"; empty for anything else (tags that are not ours are ignored, not errors). */
    public static Optional<SemanticVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SemanticVersion(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    public SemanticVersion bump(Bump bump) {
        switch (bump) {
            case MAJOR:
                return new SemanticVersion(major + 1, 0, 0);
            case MINOR:
                return new SemanticVersion(major, minor + 1, 0);
            case PATCH:
                return new SemanticVersion(major, minor, patch + 1);
            default:
                throw new IllegalArgumentException("unknown bump " + bump);
        }
    }

    public int major() {
        return major;
    }

    public int minor() {
        return minor;
    }

    public int patch() {
        return patch;
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, other.patch);
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SemanticVersion && compareTo((SemanticVersion) o) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(major, minor, patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
