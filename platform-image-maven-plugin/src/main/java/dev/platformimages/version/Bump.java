package dev.platformimages.version;

import java.util.Locale;

/** Which part of the version a release increments. */
public enum Bump {
    MAJOR, MINOR, PATCH;

    /** Parses the value of {@code platform.bump}; the message names the parameter and the accepted values. */
    public static Bump parse(String value) {
        try {
            return Bump.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "platform.bump is '" + value + "': use major, minor or patch (or leave it unset)");
        }
    }

    /** As {@link #parse(String)}, null when {@code value} is unset or blank (the reason decides the bump). */
    public static Bump parseOptional(String value) {
        return value == null || value.isBlank() ? null : parse(value);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
