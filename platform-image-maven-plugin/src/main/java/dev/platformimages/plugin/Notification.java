package dev.platformimages.plugin;

import dev.platformimages.notify.ChannelSpec;
import dev.platformimages.notify.NotificationChannel;
import dev.platformimages.notify.NotifyOn;

import java.util.List;
import java.util.Map;

/**
 * One {@code <notification>} of {@code <notifications>}: a channel that is told about releases and failures.
 * See {@link AbstractPlatformImageMojo#notifications} for the fields.
 */
public class Notification {
    /** {@code teams}, {@code slack} or {@code webhook}. */
    private String type;
    /** For teams: {@code workflows} (default) or {@code connector}. */
    private String style;
    /** The webhook URL itself; prefer {@link #urlEnv}. */
    private String url;
    /** The name of the environment variable that holds the webhook URL. */
    private String urlEnv;
    /** For webhook: the name of the environment variable that holds the HMAC-SHA256 signing secret. */
    private String secretEnv;
    /** {@code release}, {@code failure}, {@code always} or {@code never}; default: {@code platform.notifyOn}. */
    private String on;

    /**
     * The channels the {@code <notifications>} configure, checked (a bad URL or an unset variable fails now), less
     * those that are {@code never}.
     */
    static List<NotificationChannel> channels(List<Notification> notifications, String notifyOn, String notifyOnProperty,
                                              Map<String, String> environment) {
        return NotificationChannel.resolve(notifications == null ? List.of() : notifications.stream().map(Notification::toSpec).toList(),
                NotifyOn.parse(notifyOn == null ? "release" : notifyOn, notifyOnProperty), environment);
    }

    ChannelSpec toSpec() {
        return new ChannelSpec(type, style, url, urlEnv, secretEnv, on);
    }

    /** Maven prints parameters with -X: never the URL. */
    @Override
    public String toString() {
        return "Notification{type=" + type + ", urlEnv=" + urlEnv + ", url=" + (url == null ? "unset" : "(hidden)")
                + ", on=" + on + "}";
    }
}
