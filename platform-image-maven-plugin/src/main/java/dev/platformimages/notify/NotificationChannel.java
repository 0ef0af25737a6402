package dev.platformimages.notify;

import dev.platformimages.image.ImageReference;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checked notification channel. Its URL is a secret (a webhook URL is its own credential): only the host is
 * ever shown, by {@link #toString()} and in every message.
 */
public final class NotificationChannel {

    /** An expression Maven could not resolve stays in the value as written, e.g. {@code ${env.TEAMS_WEBHOOK_URL}}. */
    private static final Pattern UNRESOLVED = Pattern.compile("\\$\\{(env\\.)?([^}]+)}");

    private final String name;
    private final ChannelType type;
    private final TeamsStyle style;
    private final URI url;
    private final String secret;
    private final NotifyOn notifyOn;

    NotificationChannel(String name, ChannelType type, TeamsStyle style, URI url, String secret, NotifyOn notifyOn) {
        this.name = name;
        this.type = type;
        this.style = style;
        this.url = url;
        this.secret = secret;
        this.notifyOn = notifyOn;
    }

    /**
     * Checks every spec and returns the channels that are not {@code never}. Fails on the first bad one, naming
     * it as {@code notifications[i] (type)} and the parameter or environment variable at fault.
     */
    public static List<NotificationChannel> resolve(List<ChannelSpec> specs, NotifyOn defaultOn, Map<String, String> env) {
        List<NotificationChannel> channels = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ChannelSpec spec = specs.get(i);
            String where = "notifications[" + i + "]";
            ChannelType type = ChannelType.parse(spec.type(), where);
            where += " (" + type.id() + ")";
            NotifyOn on = isBlank(spec.on()) ? defaultOn : NotifyOn.parse(spec.on(), where + " <on>");
            if (on == NotifyOn.NEVER) {
                continue;
            }
            TeamsStyle style = TeamsStyle.parse(spec.style(), where);
            if (type != ChannelType.TEAMS && !isBlank(spec.style())) {
                throw new NotificationException(where + ": <style> applies to teams channels only");
            }
            URI url = parseUrl(urlOf(spec, env, where), where);
            String secret = null;
            if (!isBlank(spec.secretEnv())) {
                if (type != ChannelType.WEBHOOK) {
                    throw new NotificationException(where + ": <secretEnv> signs webhook channels only");
                }
                secret = env.get(spec.secretEnv().trim());
                if (isBlank(secret)) {
                    throw new NotificationException(where + ": environment variable " + spec.secretEnv().trim()
                            + " (<secretEnv>) is not set or empty");
                }
            }
            channels.add(new NotificationChannel(where, type, style, url, secret, on));
        }
        return channels;
    }

    private static String urlOf(ChannelSpec spec, Map<String, String> env, String where) {
        boolean hasUrl = !isBlank(spec.url());
        boolean hasEnv = !isBlank(spec.urlEnv());
        if (hasUrl == hasEnv) {
            throw new NotificationException(where + ": set exactly one of <urlEnv> (the name of the environment variable "
                    + "holding the webhook URL, recommended) and <url>");
        }
        if (hasEnv) {
            String variable = spec.urlEnv().trim();
            String value = env.get(variable);
            if (isBlank(value)) {
                throw new NotificationException(where + ": environment variable " + variable + " (<urlEnv>) is not set or empty");
            }
            return value.trim();
        }
        Matcher unresolved = UNRESOLVED.matcher(spec.url());
        if (unresolved.find()) {
            throw new NotificationException(where + ": <url> is " + unresolved.group() + ", which Maven could not resolve: "
                    + (unresolved.group(1) != null ? "environment variable " : "property ") + unresolved.group(2) + " is not set");
        }
        return spec.url().trim();
    }

    private static URI parseUrl(String value, String where) {
        URI url;
        try {
            url = new URI(value);
        } catch (URISyntaxException e) {
            // The exception quotes the input: say where, never what.
            throw new NotificationException(where + ": the webhook URL is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
        if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new NotificationException(where + ": the webhook URL must be an absolute https:// URL");
        }
        if (url.getRawUserInfo() != null) {
            throw new NotificationException(where + ": the webhook URL must not carry user:password@ (host " + url.getHost() + ")");
        }
        if (scheme.equals("http") && !ImageReference.isLoopbackHost(url.getHost().toLowerCase(java.util.Locale.ROOT))) {
            throw new NotificationException(where + ": the webhook URL for " + url.getHost() + " is http://; only https:// is "
                    + "allowed (plain http only for localhost and 127.0.0.0/8)");
        }
        return url;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    public ChannelType type() {
        return type;
    }

    public TeamsStyle style() {
        return style;
    }

    public URI url() {
        return url;
    }

    /** The HMAC secret of a webhook channel, or null. */
    public String secret() {
        return secret;
    }

    public NotifyOn notifyOn() {
        return notifyOn;
    }

    /** What the log shows: the channel's type and host, never its path or query. */
    @Override
    public String toString() {
        return type.id() + (type == ChannelType.TEAMS && style == TeamsStyle.CONNECTOR ? " connector" : "")
                + " (host " + url.getHost() + ")";
    }

    /** {@code notifications[i] (type)}, the name used in configuration errors. */
    public String name() {
        return name;
    }
}
