package dev.platformimages.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;
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

/**
 * Releases and failures are announced; the webhook URL, which is a credential, appears in no log line and no
 * file. WireMock stands in for the Teams Workflows endpoint and a signed webhook receiver.
 */
class NotificationIT {

    /** Shaped like a Workflows URL: the path and the sig parameter are the secret. */
    private static final String TEAMS_PATH = "/workflows/5ecre7f10w/triggers/manual/paths/invoke";
    private static final String TEAMS_SIG = "sig=TOPSECRETSIGNATURE";
    private static final String HOOK_PATH = "/hooks/5ecre7h00k";
    private static final String HOOK_SECRET = "hmac-secret-value";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireMockServer receiver;

    @BeforeEach
    void start() {
        receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop();
    }

    private Map<String, String> env() {
        String base = "http://127.0.0.1:" + receiver.port();
        return ImageProject.env("IT_TEAMS_WEBHOOK_URL", base + TEAMS_PATH + "?api-version=2016-06-01&" + TEAMS_SIG,
                "IT_HOOK_URL", base + HOOK_PATH, "IT_HOOK_SECRET", HOOK_SECRET,
                "GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://github.example", "GITHUB_REPOSITORY",
                "acme/platform-images", "GITHUB_RUN_ID", "4242", "GITHUB_ACTOR", "alice", "GITHUB_EVENT_NAME", "workflow_dispatch");
    }

    private static final String TEAMS_AND_SIGNED_HOOK = "<notifications>"
            + "<notification><type>teams</type><urlEnv>IT_TEAMS_WEBHOOK_URL</urlEnv></notification>"
            + "<notification><type>webhook</type><urlEnv>IT_HOOK_URL</urlEnv><secretEnv>IT_HOOK_SECRET</secretEnv>"
            + "<on>always</on></notification>"
            + "</notifications>";

    private static void assertNoSecretIn(String text, String where) {
        for (String secret : List.of("5ecre7f10w", "5ecre7h00k", "TOPSECRETSIGNATURE", HOOK_SECRET)) {
            assertEquals(List.of(), SecretScan.find(text, secret), secret + " appears in " + where);
        }
    }

    private List<LoggedRequest> requests(String path) {
        return receiver.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    private static JsonNode json(LoggedRequest request) throws Exception {
        return JSON.readTree(request.getBody());
    }

    @Test
    void aReleaseIsAnnouncedWithItsDigestAndNoLogLineOrFileHoldsTheWebhookUrl() throws Exception {
        receiver.stubFor(post(urlPathEqualTo(TEAMS_PATH)).willReturn(aResponse().withStatus(202)));
        receiver.stubFor(post(urlPathEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(204)));
        Scenario s = Scenario.withConfiguration("notify-release", TEAMS_AND_SIGNED_HOOK);

        ImageProject.Run run = s.project.mvn(env(), true, "deploy"); // -X: Maven's debug output too
        assertTrue(run.succeeded(), run::toString);

        String digest = s.digest("1.35-stable-1.0.0");
        assertEquals(1, requests(TEAMS_PATH).size());
        JsonNode card = json(requests(TEAMS_PATH).get(0)).get("attachments").get(0).get("content");
        assertEquals("1.4", card.get("version").asText());
        String cardText = card.toString();
        assertTrue(cardText.contains("Released " + s.project.repository + ":1.35-stable-1.0.0"), cardText);
        assertTrue(cardText.contains(digest), cardText);
        assertTrue(cardText.contains("First version"), cardText);
        assertTrue(cardText.contains("self-test: /bin/sh -c test"), cardText);
        assertTrue(cardText.contains("https://github.example/acme/platform-images/actions/runs/4242"), cardText);

        LoggedRequest hook = requests(HOOK_PATH).get(0);
        JsonNode document = json(hook);
        assertEquals("released", document.get("event").asText());
        assertEquals(digest, document.get("release").get("digest").asText());
        assertEquals(List.of("latest", "1.35-stable"),
                JSON.convertValue(document.get("release").get("floatingTags"), List.class));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertEquals("sha256=" + HexFormat.of().formatHex(mac.doFinal(hook.getBody())),
                hook.getHeader("X-Platform-Image-Signature"));

        assertTrue(run.log.contains("Notified teams (host 127.0.0.1): HTTP 202 after 1 attempt"), run::toString);
        assertTrue(run.log.contains("[DEBUG]"), "the run had debug output");
        assertNoSecretIn(run.log, "the build log");
        assertNoSecretIn(Files.readString(s.project.dir.resolve("target/platform-image/state.json")), "state.json");
    }

    /** The goals one at a time, as the manual shows them: a forced release in five runs, announced by notify. */
    @Test
    void theGoalsRunOneAtATimeReleaseAForcedVersionThatNotifyAnnounces() throws Exception {
        receiver.stubFor(post(urlPathEqualTo(TEAMS_PATH)).willReturn(aResponse().withStatus(202)));
        receiver.stubFor(post(urlPathEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(204)));
        Scenario s = Scenario.withConfiguration("notify-goals", TEAMS_AND_SIGNED_HOOK);
        assertTrue(s.project.mvn(env(), "deploy").succeeded());
        receiver.resetRequests();

        for (String goal : List.of("platform-image:check-update", "platform-image:docker-build",
                "platform-image:integration-test", "platform-image:push")) {
            ImageProject.Run run = s.project.mvn(env(), goal, "platform.force=true");
            assertTrue(run.succeeded(), run::toString);
            assertEquals(List.of(), requests(TEAMS_PATH), "nothing is announced before notify");
        }
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "1.35-stable-1.1.0", "latest"), s.tags());
        assertEquals(s.digest("1.35-stable-1.1.0"), s.digest("latest"));
        ImageProject.Run notify = s.project.mvn(env(), "platform-image:notify");

        assertTrue(notify.succeeded(), notify::toString);
        assertEquals(1, requests(TEAMS_PATH).size());
        String card = json(requests(TEAMS_PATH).get(0)).get("attachments").get(0).get("content").toString();
        assertTrue(card.contains("Released " + s.project.repository + ":1.35-stable-1.1.0"), card);
        assertTrue(card.contains(s.digest("1.35-stable-1.1.0")), card);
        assertEquals("released", json(requests(HOOK_PATH).get(0)).get("event").asText());
    }

    @Test
    void aFailingIntegrationTestSendsAFailureCardAndTheBuildStillFailsWithItsOwnError() throws Exception {
        receiver.stubFor(post(urlPathEqualTo(TEAMS_PATH)).willReturn(aResponse().withStatus(202)));
        receiver.stubFor(post(urlPathEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(204)));
        Scenario s = Scenario.withConfiguration("notify-failure", TEAMS_AND_SIGNED_HOOK.replace(
                "<type>teams</type>", "<type>teams</type><on>failure</on>"));
        assertTrue(s.project.mvn(env(), "deploy").succeeded());
        receiver.resetRequests();

        ImageProject.Run run = s.project.mvn(env(), "deploy", "platform.force=true", "probe.path=/cgi-bin/missing");

        assertFalse(run.succeeded(), run::toString);
        assertTrue(run.log.contains("integration test test-app failed: POST /cgi-bin/missing -> 200 containing 'Red': "
                + "expected HTTP 200, got 404"), run::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "latest"), s.tags(), "nothing new is published");
        JsonNode failure = json(requests(HOOK_PATH).get(0));
        assertEquals("failed", failure.get("event").asText());
        assertEquals("integration test", failure.get("failure").get("step").asText());
        assertTrue(failure.get("failure").get("error").asText().contains("expected HTTP 200, got 404"), failure::toString);
        assertEquals("Nothing was published.", failure.get("failure").get("published").asText());
        assertEquals("1.35-stable-1.1.0", failure.get("release").get("versionTag").asText());
        assertTrue(failure.get("checks").get(0).get("name").asText().startsWith("self-test"), failure::toString);
        String card = json(requests(TEAMS_PATH).get(0)).toString();
        assertTrue(card.contains("failed at integration test"), card);
        assertTrue(card.contains("Nothing was published."), card);
        assertNoSecretIn(run.log, "the build log");
        s.assertNoLeftovers();
    }

    @Test
    void aBuildErrorIsAnnouncedWithTheLastLinesOfTheBuild() throws Exception {
        receiver.stubFor(post(urlPathEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(200)));
        Scenario s = Scenario.withConfiguration("notify-build-error", "<notifications><notification><type>webhook</type>"
                + "<urlEnv>IT_HOOK_URL</urlEnv><on>failure</on></notification></notifications>");
        s.project.edit("Dockerfile", "RUN echo compiling the platform && exit 3\n");

        ImageProject.Run run = s.project.mvn(env(), "deploy");

        assertFalse(run.succeeded(), run::toString);
        assertEquals(List.of(), s.tags());
        JsonNode failure = json(requests(HOOK_PATH).get(0)).get("failure");
        assertEquals("build", failure.get("step").asText());
        assertTrue(failure.get("error").asText().contains("exit 3"), failure::toString);
        assertTrue(failure.get("log").toString().contains("compiling the platform"), failure::toString);
        assertEquals("Nothing was published.", failure.get("published").asText());
    }

    @Test
    void aFailedRollbackIsAnnouncedAsARollbackNotAPush() throws Exception {
        receiver.stubFor(post(urlPathEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(200)));
        Scenario s = Scenario.withConfiguration("notify-rollback", "<notifications><notification><type>webhook</type>"
                + "<urlEnv>IT_HOOK_URL</urlEnv><on>failure</on></notification></notifications>");

        ImageProject.Run run = s.project.mvn(env(), "platform-image:rollback", "platform.rollbackTo=9.9.9");

        assertFalse(run.succeeded(), run::toString);
        JsonNode failure = json(requests(HOOK_PATH).get(0)).get("failure");
        assertEquals("rollback", failure.get("step").asText());
        assertEquals("Nothing was published.", failure.get("published").asText());
    }

    @Test
    void anUndeliverableNotificationIsAWarningUnlessFailOnNotificationErrorIsSet() {
        receiver.stubFor(post(urlPathEqualTo(TEAMS_PATH)).willReturn(aResponse().withStatus(500)));
        Scenario s = Scenario.withConfiguration("notify-undelivered", "<notifications><notification><type>teams</type>"
                + "<urlEnv>IT_TEAMS_WEBHOOK_URL</urlEnv></notification></notifications>");

        ImageProject.Run run = s.project.mvn(env(), "deploy");
        assertTrue(run.succeeded(), run::toString);
        assertEquals(3, requests(TEAMS_PATH).size(), "three attempts");
        assertTrue(run.log.contains("[WARNING] Could not notify teams (host 127.0.0.1): HTTP 500 after 3 attempts"), run::toString);
        assertTrue(run.log.contains("the release stands"), run::toString);
        s.assertFloatingTagsOn("1.0.0");

        ImageProject.Run strict = s.project.mvn(env(), "deploy", "platform.force=true", "platform.failOnNotificationError=true");
        assertFalse(strict.succeeded(), strict::toString);
        assertTrue(strict.log.contains(":1.35-stable-1.1.0 was published, but 1 notification(s) could not be delivered"),
                strict::toString);
        s.assertFloatingTagsOn("1.1.0");
        assertNoSecretIn(run.log + strict.log, "the build log");
    }
}
