package dev.platformimages.notify;

import java.util.Locale;

/** The kind of Teams webhook: they take the same envelope but answer differently. */
public enum TeamsStyle {
    /** A Workflows (Power Automate) webhook, the current kind: answers 202 Accepted. */
    WORKFLOWS,
    /** A retired Office 365 connector webhook: answers 200 with body {@code 1}, and 200 with an error text on failure. */
    CONNECTOR;

    static TeamsStyle parse(String value, String where) {
        if (value == null || value.isBlank()) {
            return WORKFLOWS;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotificationException(where + ": unknown <style> '" + value + "': use workflows or connector");
        }
    }
}
