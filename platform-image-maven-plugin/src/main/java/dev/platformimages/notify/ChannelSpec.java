package dev.platformimages.notify;

/**
 * A channel as configured, before it is checked: every field may be null. {@code url} is the webhook URL
 * itself (usually {@code ${env.X}}), {@code urlEnv} the name of the environment variable that holds it;
 * {@code secretEnv} names the variable holding the HMAC secret of a {@code webhook} channel.
 */
public record ChannelSpec(String type, String style, String url, String urlEnv, String secretEnv, String on) {
}
