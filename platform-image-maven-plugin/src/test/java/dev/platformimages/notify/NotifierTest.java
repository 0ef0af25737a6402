package dev.platformimages.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.platformimages.step.RecordingLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotifierTest {

    private WireMockServer server;
    private final RecordingLog releaseLog = new RecordingLog();
    private final List<String> log = releaseLog.lines;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlPathEqualTo("/teams/secret-1")).willReturn(aResponse().withStatus(202)));
        server.stubFor(post(urlPathEqualTo("/slack/secret-2")).willReturn(aResponse().withStatus(200).withBody("ok")));
        server.stubFor(post(urlPathEqualTo("/hook/secret-3")).willReturn(aResponse().withStatus(204)));
        server.stubFor(post(urlPathEqualTo("/down/secret-4")).willReturn(aResponse().withStatus(503)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private Notifier notifier(ChannelSpec... specs) {
        List<NotificationChannel> channels = NotificationChannel.resolve(List.of(specs), NotifyOn.RELEASE,
                Map.of("BASE", "http://127.0.0.1:" + server.port(), "SECRET", "s3cr3t"));
        return new Notifier(channels, new WebhookDelivery(2, Duration.ZERO, d -> { }), releaseLog);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Test
    void eachChannelGetsItsOwnFormatAndOnlyTheOutcomesItAskedFor() throws Exception {
        Notifier notifier = notifier(
                new ChannelSpec("teams", null, url("/teams/secret-1"), null, null, null),
                new ChannelSpec("slack", null, url("/slack/secret-2"), null, null, "failure"),
                new ChannelSpec("webhook", null, url("/hook/secret-3"), null, "SECRET", "always"));

        assertEquals(List.of(), notifier.send(Events.released()));
        server.verify(1, postRequestedFor(urlPathEqualTo("/teams/secret-1")));
        server.verify(0, postRequestedFor(urlPathEqualTo("/slack/secret-2")));
        LoggedRequest hook = server.findAll(postRequestedFor(urlPathEqualTo("/hook/secret-3"))).get(0);
        JsonNode document = PayloadFixtures.JSON.readTree(hook.getBody());
        assertEquals("released", document.get("event").asText());
        assertEquals(WebhookDocument.signature(hook.getBody(), "s3cr3t"), hook.getHeader(WebhookDocument.SIGNATURE_HEADER));
        JsonNode card = PayloadFixtures.JSON.readTree(server.findAll(postRequestedFor(urlPathEqualTo("/teams/secret-1")))
                .get(0).getBody());
        assertEquals("AdaptiveCard", card.get("attachments").get(0).get("content").get("type").asText());

        server.resetRequests();
        assertEquals(List.of(), notifier.send(Events.failedIntegrationTest()));
        server.verify(0, postRequestedFor(urlPathEqualTo("/teams/secret-1")));
        server.verify(1, postRequestedFor(urlPathEqualTo("/slack/secret-2")));
        server.verify(1, postRequestedFor(urlPathEqualTo("/hook/secret-3")));
        assertTrue(log.contains("INFO Notified teams (host 127.0.0.1): HTTP 202 after 1 attempt"), log::toString);
    }

    @Test
    void anUnreachableChannelIsAWarningThatNamesTheHostOnly() {
        Notifier notifier = notifier(new ChannelSpec("webhook", null, url("/down/secret-4"), null, null, null),
                new ChannelSpec("teams", null, url("/teams/secret-1"), null, null, null));
        List<String> undelivered = notifier.send(Events.released());
        assertEquals(List.of("webhook (host 127.0.0.1): HTTP 503 after 2 attempts"), undelivered);
        server.verify(1, postRequestedFor(urlPathEqualTo("/teams/secret-1")));
        assertTrue(log.contains("WARN Could not notify webhook (host 127.0.0.1): HTTP 503 after 2 attempts"), log::toString);
        assertFalse(log.toString().contains("secret-"), log::toString);
    }
}
