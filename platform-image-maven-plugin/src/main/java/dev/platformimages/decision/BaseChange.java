package dev.platformimages.decision;

import java.util.Locale;

/** What counts as a change of a multi-arch base (platform.baseChange). */
public enum BaseChange {
    /** The image of the platform built changed. */
    PLATFORM,
    /** Anything the tag resolves to changed, including attestations and other platforms. */
    TAG;

    /** Parses platform.baseChange; unset is {@link #PLATFORM}. The message names the parameter and the accepted values. */
    public static BaseChange parse(String value) {
        if (value == null || value.isBlank()) {
            return PLATFORM;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("platform.baseChange is '" + value + "': use platform or tag");
        }
    }
}
