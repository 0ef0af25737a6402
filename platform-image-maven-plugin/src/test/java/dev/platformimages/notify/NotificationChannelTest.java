package dev.platformimages.notify;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotificationChannelTest {

    private static final String SECRET_URL = "https://prod-17.westeurope.logic.azure.com:443/workflows/abc123/triggers/manual"
            + "/paths/invoke?api-version=2016-06-01&sig=TOPSECRETSIGNATURE";
    private static final Map<String, String> ENV = Map.of("TEAMS_WEBHOOK_URL", SECRET_URL,
            "HOOK_SECRET", "s3cr3t", "EMPTY", " ");

    private static List<NotificationChannel> resolve(ChannelSpec... specs) {
        return NotificationChannel.resolve(List.of(specs), NotifyOn.RELEASE, ENV);
    }

    private static String error(ChannelSpec... specs) {
        String message = assertThrows(NotificationException.class, () -> resolve(specs)).getMessage();
        assertFalse(message.contains("TOPSECRET") || message.contains("/workflows/"), message);
        return message;
    }

    @Test
    void aTeamsChannelFromAnEnvironmentVariableShowsItsHostOnly() {
        NotificationChannel channel = resolve(new ChannelSpec("teams", null, null, "TEAMS_WEBHOOK_URL", null, null)).get(0);
        assertEquals(ChannelType.TEAMS, channel.type());
        assertEquals(TeamsStyle.WORKFLOWS, channel.style());
        assertEquals(NotifyOn.RELEASE, channel.notifyOn());
        assertEquals(SECRET_URL, channel.url().toString());
        assertEquals("teams (host prod-17.westeurope.logic.azure.com)", channel.toString());
    }

    @Test
    void typesStylesAndNotifyOnAreReadInAnyCase() {
        List<NotificationChannel> channels = resolve(
                new ChannelSpec("Teams", "CONNECTOR", "https://acme.webhook.office.com/webhookb2/x", null, null, "Always"),
                new ChannelSpec("slack", null, "https://hooks.slack.com/services/T/B/X", null, null, "failure"),
                new ChannelSpec("webhook", null, "http://127.0.0.1:8089/hook", null, "HOOK_SECRET", null));
        assertEquals(TeamsStyle.CONNECTOR, channels.get(0).style());
        assertEquals(NotifyOn.ALWAYS, channels.get(0).notifyOn());
        assertEquals("teams connector (host acme.webhook.office.com)", channels.get(0).toString());
        assertEquals(NotifyOn.FAILURE, channels.get(1).notifyOn());
        assertEquals("s3cr3t", channels.get(2).secret());
    }

    @Test
    void channelsSetToNeverAreDroppedWithoutCheckingTheirUrl() {
        assertEquals(List.of(), resolve(new ChannelSpec("teams", null, null, "UNSET_VARIABLE", null, "never")));
        assertEquals(List.of(), NotificationChannel.resolve(
                List.of(new ChannelSpec("teams", null, null, "UNSET_VARIABLE", null, null)), NotifyOn.NEVER, ENV));
    }

    @Test
    void anUnsetOrEmptyVariableIsNamed() {
        assertEquals("notifications[0] (teams): environment variable TEAMS_URL_TYPO (<urlEnv>) is not set or empty",
                error(new ChannelSpec("teams", null, null, "TEAMS_URL_TYPO", null, null)));
        assertTrue(error(new ChannelSpec("teams", null, null, "EMPTY", null, null)).contains("EMPTY (<urlEnv>)"));
    }

    @Test
    void anEnvironmentExpressionMavenCouldNotResolveIsNamed() {
        assertEquals("notifications[0] (slack): <url> is ${env.SLACK_WEBHOOK_URL}, which Maven could not resolve: "
                        + "environment variable SLACK_WEBHOOK_URL is not set",
                error(new ChannelSpec("slack", null, "${env.SLACK_WEBHOOK_URL}", null, null, null)));
        assertTrue(error(new ChannelSpec("slack", null, "${slack.url}", null, null, null))
                .endsWith("property slack.url is not set"));
    }

    @Test
    void theSecondBadChannelIsNamedByItsIndex() {
        assertEquals("notifications[1]: unknown <type> 'msteams': use teams, slack or webhook",
                error(new ChannelSpec("teams", null, null, "TEAMS_WEBHOOK_URL", null, null),
                        new ChannelSpec("msteams", null, null, "TEAMS_WEBHOOK_URL", null, null)));
        assertEquals("notifications[0]: <type> is missing: use teams, slack or webhook",
                error(new ChannelSpec(null, null, null, "TEAMS_WEBHOOK_URL", null, null)));
    }

    @Test
    void plainHttpOnlyForLoopback() {
        assertEquals("notifications[0] (webhook): the webhook URL for hooks.example.com is http://; only https:// is "
                        + "allowed (plain http only for localhost and 127.0.0.0/8)",
                error(new ChannelSpec("webhook", null, "http://hooks.example.com/x?token=TOPSECRET", null, null, null)));
        assertEquals(3, resolve(new ChannelSpec("webhook", null, "http://localhost:1/x", null, null, null),
                new ChannelSpec("webhook", null, "http://127.0.0.2:1/x", null, null, null),
                new ChannelSpec("webhook", null, "http://[::1]:1/x", null, null, null)).size());
        assertFalse(dev.platformimages.image.ImageReference.isLoopbackHost("localhost.evil.example"));
    }

    @Test
    void malformedUrlsAreRejectedWithoutQuotingThem() {
        assertTrue(error(new ChannelSpec("teams", null, "https://bad host/TOPSECRET", null, null, null))
                .startsWith("notifications[0] (teams): the webhook URL is not a valid URL"));
        assertEquals("notifications[0] (teams): the webhook URL must be an absolute https:// URL",
                error(new ChannelSpec("teams", null, "ftp://files.example.com/TOPSECRET", null, null, null)));
        assertEquals("notifications[0] (teams): the webhook URL must be an absolute https:// URL",
                error(new ChannelSpec("teams", null, "prod-17.westeurope.logic.azure.com/workflows/x", null, null, null)));
        assertTrue(error(new ChannelSpec("teams", null, "https://user:TOPSECRET@example.com/x", null, null, null))
                .contains("must not carry user:password@"));
    }

    @Test
    void misplacedOptionsAreNamed() {
        assertTrue(error(new ChannelSpec("teams", null, "https://a.example/x", "TEAMS_WEBHOOK_URL", null, null))
                .contains("set exactly one of <urlEnv>"));
        assertTrue(error(new ChannelSpec("teams", null, null, null, null, null)).contains("set exactly one of <urlEnv>"));
        assertEquals("notifications[0] (slack): <style> applies to teams channels only",
                error(new ChannelSpec("slack", "connector", "https://hooks.slack.com/x", null, null, null)));
        assertEquals("notifications[0] (teams): <secretEnv> signs webhook channels only",
                error(new ChannelSpec("teams", null, null, "TEAMS_WEBHOOK_URL", "HOOK_SECRET", null)));
        assertEquals("notifications[0] (webhook): environment variable NO_SECRET (<secretEnv>) is not set or empty",
                error(new ChannelSpec("webhook", null, "https://a.example/x", null, "NO_SECRET", null)));
        assertEquals("notifications[0] (teams): unknown <style> 'legacy': use workflows or connector",
                error(new ChannelSpec("teams", "legacy", "https://a.example/x", null, null, null)));
        assertEquals("notifications[0] (teams) <on> is 'sometimes': use release, failure, always or never",
                error(new ChannelSpec("teams", null, "https://a.example/x", null, null, "sometimes")));
    }
}
