package dev.platformimages.notify;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delivery against WireMock answering as Teams Workflows, legacy connectors and failing receivers do. */
class WebhookDeliveryTest {

    private static final String PATH = "/workflows/abc123/triggers/manual/paths/invoke";
    private static final String QUERY = "api-version=2016-06-01&sig=TOPSECRETSIGNATURE";
    private static final byte[] BODY = "{\"type\":\"message\"}".getBytes(StandardCharsets.UTF_8);

    private WireMockServer server;
    private final List<Duration> waits = new ArrayList<>();
    private WebhookDelivery delivery;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        delivery = new WebhookDelivery(3, Duration.ofMillis(100), waits::add);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private NotificationChannel channel(String type, String style) {
        String url = "http://127.0.0.1:" + server.port() + PATH + "?" + QUERY;
        return NotificationChannel.resolve(List.of(new ChannelSpec(type, style, url, null, null, null)), NotifyOn.ALWAYS,
                Map.of()).get(0);
    }

    private WebhookDelivery.Result deliver(NotificationChannel channel) {
        WebhookDelivery.Result result = delivery.post(channel, BODY, Map.of("X-Extra", "1"));
        assertFalse(result.detail().contains("TOPSECRET") || result.detail().contains(PATH), result.detail());
        return result;
    }

    @Test
    void aWorkflowsWebhookAccepts202() {
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(202)));
        assertEquals(new WebhookDelivery.Result(true, 1, "HTTP 202"), deliver(channel("teams", null)));
        server.verify(postRequestedFor(urlPathEqualTo(PATH))
                .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
                .withHeader("X-Extra", equalTo("1"))
                .withRequestBody(equalToJson("{\"type\":\"message\"}")));
        assertEquals(List.of(), waits);
    }

    @Test
    void aLegacyConnectorAnswers200WithBody1OrReportsItsErrorIn200() {
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("1")));
        assertEquals(new WebhookDelivery.Result(true, 1, "HTTP 200"), deliver(channel("teams", "connector")));

        server.resetAll();
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withBody("Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 413")));
        WebhookDelivery.Result refused = deliver(channel("teams", "connector"));
        assertFalse(refused.delivered());
        assertTrue(refused.detail().contains("returned HTTP error 413"), refused.detail());
    }

    @Test
    void a429IsRetriedAfterWhatRetryAfterSays() {
        server.stubFor(post(urlPathEqualTo(PATH)).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("open"));
        server.stubFor(post(urlPathEqualTo(PATH)).inScenario("throttled").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(202)));
        assertEquals(new WebhookDelivery.Result(true, 2, "HTTP 202"), deliver(channel("teams", null)));
        assertEquals(List.of(Duration.ofSeconds(7)), waits);
        server.verify(2, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void a500ThreeTimesGivesUpAfterThreeAttemptsWithBackoff() {
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(500).withBody("boom")));
        assertEquals(new WebhookDelivery.Result(false, 3, "HTTP 500: boom"), deliver(channel("slack", null)));
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), waits);
        server.verify(3, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void a400IsNotRetried() {
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400).withBody("invalid_payload")));
        WebhookDelivery.Result result = deliver(channel("slack", null));
        assertEquals(new WebhookDelivery.Result(false, 1,
                "HTTP 400: invalid_payload (not retried: the receiver refused the message)"), result);
        server.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
        assertEquals(List.of(), waits);
    }

    @Test
    void aRetryAfterLongerThanAReleaseWaitsIsGivenUpOnAtOnce() {
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        WebhookDelivery.Result result = deliver(channel("webhook", null));
        assertFalse(result.delivered());
        assertTrue(result.detail().endsWith("(asked to retry after 3600 s, more than the 60 s a release waits)"), result.detail());
        assertEquals(List.of(), waits);
    }

    @Test
    void connectionResetsAreRetriedAndReportedWithoutTheUrl() {
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        WebhookDelivery.Result result = deliver(channel("webhook", null));
        assertFalse(result.delivered());
        assertEquals(3, result.attempts());
        server.verify(3, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void aReceiverThatIsNotThereIsRetriedThenReported() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        NotificationChannel channel = NotificationChannel.resolve(List.of(new ChannelSpec("webhook", null,
                "http://127.0.0.1:" + closed + PATH + "?" + QUERY, null, null, null)), NotifyOn.ALWAYS, Map.of()).get(0);
        WebhookDelivery.Result result = deliver(channel);
        assertEquals(3, result.attempts());
        assertTrue(result.detail().startsWith("ConnectException"), result.detail());
    }

    @Test
    void redirectsAreNotFollowed() {
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(302).withHeader("Location", "https://elsewhere.example/")));
        WebhookDelivery.Result result = deliver(channel("webhook", null));
        assertFalse(result.delivered());
        assertEquals(1, result.attempts());
    }
}
