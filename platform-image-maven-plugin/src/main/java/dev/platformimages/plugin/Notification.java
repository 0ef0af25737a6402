package dev.platformimages.plugin;

import dev.platformimages.notify.ChannelSpec;

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
