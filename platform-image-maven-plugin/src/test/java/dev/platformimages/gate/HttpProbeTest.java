package dev.platformimages.gate;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpProbeTest {

    private static final HttpCheck CHECK = new HttpCheck("POST", "/MyService", "{\"color\":\"Red\"}",
            "application/json", 200, "Red");

    private WireMockServer app;

    @BeforeEach
    void start() {
        app = new WireMockServer(options().dynamicPort());
        app.start();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void pollsWhileTheAppIsNotReadyThenJudgesTheAnswer() {
        app.stubFor(post(urlEqualTo("/MyService")).inScenario("start").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("warming"));
        app.stubFor(post(urlEqualTo("/MyService")).inScenario("start").whenScenarioStateIs("warming")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("ready"));
        app.stubFor(post(urlEqualTo("/MyService")).inScenario("start").whenScenarioStateIs("ready")
                .willReturn(aResponse().withStatus(200).withBody("{\"echo\":{\"color\":\"Red\"}}")));

        HttpProbe.Outcome outcome = new HttpProbe().probe(app.port(), CHECK, Duration.ofSeconds(10), () -> true);

        assertTrue(outcome.passed, outcome.detail);
        assertEquals(3, outcome.attempts);
        app.verify(3, postRequestedFor(urlEqualTo("/MyService"))
                .withHeader("Content-Type", equalTo("application/json")).withRequestBody(equalTo("{\"color\":\"Red\"}")));
    }

    @Test
    void aWrongAnswerFailsAtOnceWithoutWaitingForTheDeadline() {
        app.stubFor(post(urlEqualTo("/MyService")).willReturn(aResponse().withStatus(500).withBody("boom")));
        HttpProbe.Outcome outcome = new HttpProbe().probe(app.port(), CHECK, Duration.ofSeconds(30), () -> true);
        assertFalse(outcome.passed);
        assertEquals("expected HTTP 200, got 500: boom", outcome.detail);
        assertEquals(1, outcome.attempts);
    }

    @Test
    void anAppThatNeverGetsReadyTimesOutNamingTheLastAnswer() {
        app.stubFor(post(urlEqualTo("/MyService")).willReturn(aResponse().withStatus(503)));
        // Warm: a cold stub on a loaded machine (both IT lanes beside the unit tests) took longer than the whole probe.
        new HttpProbe().probe(app.port(), CHECK, Duration.ofSeconds(5), () -> true);
        HttpProbe.Outcome outcome = new HttpProbe().probe(app.port(), CHECK, Duration.ofSeconds(2), () -> true);
        assertFalse(outcome.passed);
        assertTrue(outcome.detail.startsWith("no acceptable answer within 2 s (last: HTTP 503 (not ready))"), outcome.detail);
        assertTrue(outcome.attempts > 1, "it polled");
    }

    @Test
    void aStoppedContainerEndsTheProbeBeforeTheDeadline() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpProbe.Outcome outcome = new HttpProbe().probe(closedPort, CHECK, Duration.ofSeconds(60), () -> false);
        assertFalse(outcome.passed);
        assertTrue(outcome.detail.startsWith("the app's container stopped before answering (ConnectException"), outcome.detail);
        assertEquals(1, outcome.attempts, "stopped after the first attempt instead of polling to the deadline");
    }
}
