package dev.platformimages.notify;

import java.util.Locale;

/** Where a notification goes and in which format. */
public enum ChannelType {
    /** Microsoft Teams: an Adaptive Card 1.4 in a message envelope (Workflows webhook, or a legacy connector). */
    TEAMS,
    /** Slack incoming webhook with Block Kit blocks. */
    SLACK,
    /** Any other receiver: a plain JSON document, optionally signed with HMAC-SHA256. */
    WEBHOOK;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ChannelType parse(String value, String where) {
        if (value == null || value.isBlank()) {
            throw new NotificationException(where + ": <type> is missing: use teams, slack or webhook");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotificationException(where + ": unknown <type> '" + value + "': use teams, slack or webhook");
        }
    }
}
