package dev.platformimages.notify;

import java.util.Locale;

/** Which outcomes a channel is told about. */
public enum NotifyOn {
    /** Only a new version that was published (the default). */
    RELEASE,
    /** Only a release that failed, at whatever step. */
    FAILURE,
    ALWAYS,
    NEVER;

    public boolean covers(ReleaseEvent.Outcome outcome) {
        switch (this) {
            case ALWAYS:
                return true;
            case RELEASE:
                return outcome == ReleaseEvent.Outcome.RELEASED || outcome == ReleaseEvent.Outcome.ROLLED_BACK;
            case FAILURE:
                return outcome == ReleaseEvent.Outcome.FAILED;
            default:
                return false;
        }
    }

    /** Parses {@code release}, {@code failure}, {@code always} or {@code never}, in any case. */
    public static NotifyOn parse(String value, String parameter) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotificationException(parameter + " is '" + value + "': use release, failure, always or never");
        }
    }
}
