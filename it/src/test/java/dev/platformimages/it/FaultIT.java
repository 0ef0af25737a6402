package dev.platformimages.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults that happen to real registries, all on 127.0.0.1 and bounded in time: a registry of the test's own
 * (a real docker-registry process) behind WireMock as a fault-injecting proxy. The registry is killed (SIGKILL)
 * while the version tag is pushed and while the floating tags move, then started again over the same storage;
 * the proxy answers 503 and resets connections for a while; the registry answers slower than the timeout.
 * After every fault the rerun ends consistent: one version, every floating tag on it, no draft left.
 */
class FaultIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private RegistryProcess registry;
    private WireMockServer proxy;
    /** A listener that stubs name for the phase they pick: AFTER_MATCH runs before WireMock forwards the request. */
    private static ServeEventListener listener(String name, Runnable action) {
        return new ServeEventListener() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public boolean applyGlobally() {
                return false;
            }

            @Override
            public void afterMatch(ServeEvent event, Parameters parameters) {
                action.run();
            }

            @Override
            public void afterComplete(ServeEvent event, Parameters parameters) {
                action.run();
            }
        };
    }

    /**
     * Kills the registry at the phase a stub names it for: AFTER_MATCH, before WireMock forwards the request (it
     * never lands), or AFTER_COMPLETE, once it was forwarded and answered (it landed).
     */
    private final ServeEventListener killRegistry = listener("kill-registry", () -> registry.kill());

    /** Holds a request back (AFTER_MATCH) before WireMock forwards it: a registry that takes seconds to write. */
    private final ServeEventListener delayWrite = listener("delay-write", () -> sleep(2000));

    /**
     * Lines up two writes of the same version tag (AFTER_MATCH) the worst way for a registry without
     * compare-and-set: the first waits (up to 10 s) until the second arrives, then goes through; the second lands
     * 1 s later, after the first build has read its write back. Both builds checked the tag before either write landed.
     */
    private final java.util.concurrent.CountDownLatch secondWrite = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger writesArrived = new java.util.concurrent.atomic.AtomicInteger();
    private final ServeEventListener pairVersionWrites = listener("pair-version-writes", () -> {
        if (writesArrived.incrementAndGet() == 1) {
            try {
                secondWrite.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            secondWrite.countDown();
            sleep(1000);
        }
    });

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every request goes through to the registry unless a stub of higher priority injects a fault. */
    private void proxyEverything() {
        proxy.resetMappings();
        proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom("http://" + registry.address())));
    }

    @BeforeEach
    void start() {
        registry = new RegistryProcess("fault");
        proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(killRegistry, delayWrite, pairVersionWrites));
        proxy.start();
        proxyEverything();
    }

    @AfterEach
    void stop() {
        proxy.stop();
        registry.close();
    }

    private String registryAddress() {
        return "127.0.0.1:" + proxy.port();
    }

    private ImageProject.Run deploy(Scenario s, String... properties) {
        List<String> all = new ArrayList<>(List.of("platform.registry=" + registryAddress()));
        all.addAll(List.of(properties));
        return s.project.mvn("deploy", all.toArray(String[]::new));
    }

    private List<String> tags(String repository) {
        Optional<JsonNode> list = get("/v2/" + repository + "/tags/list");
        List<String> tags = new ArrayList<>();
        list.ifPresent(l -> l.path("tags").forEach(t -> tags.add(t.asText())));
        tags.removeIf(dev.platformimages.registry.Referrers::isKeptWithImage); // the inventories' referrers lists
        tags.sort(null);
        return tags;
    }

    private String digest(String repository, String tag) {
        try {
            HttpResponse<Void> head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + registry.address()
                            + "/v2/" + repository + "/manifests/" + tag)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("Accept", "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json")
                    .build(), HttpResponse.BodyHandlers.discarding());
            return head.headers().firstValue("Docker-Content-Digest").orElse("none");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<JsonNode> get(String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + registry.address() + path)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertConsistentOn(Scenario s, String version) {
        String repository = s.project.repository;
        assertEquals(List.of(Scenario.TAG, Scenario.TAG + "-" + version, "latest"), tags(repository), "one version and the floating tags");
        String digest = digest(repository, Scenario.TAG + "-" + version);
        assertEquals(digest, digest(repository, "latest"));
        assertEquals(digest, digest(repository, Scenario.TAG));
        assertEquals(List.of(), tags(repository + "-drafts"), "no draft left");
    }

    @Test
    void a503AndAResetWhileTheVersionTagIsPushedAreRetried() {
        Scenario s = Scenario.start("fault-transient");
        String versionTag = "/v2/" + s.project.repository + "/manifests/" + Scenario.TAG + "-1.0.0";
        proxy.stubFor(put(urlEqualTo(versionTag)).inScenario("flaky").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"errors\":[{\"code\":\"UNAVAILABLE\"}]}")).willSetStateTo("reset"));
        proxy.stubFor(put(urlEqualTo(versionTag)).inScenario("flaky").whenScenarioStateIs("reset")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("fine"));

        ImageProject.Run run = deploy(s);

        assertTrue(run.succeeded(), run::toString);
        assertEquals(3, proxy.findAll(putRequestedFor(urlEqualTo(versionTag))).size(), "503, reset, then through");
        assertConsistentOn(s, "1.0.0");
    }

    @Test
    void faultsLongerThanTheRetryBudgetFailClearlyAndTheRerunCompletesThePromotion() {
        Scenario s = Scenario.start("fault-budget");
        String latest = "/v2/" + s.project.repository + "/manifests/latest";
        proxy.stubFor(put(urlEqualTo(latest)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        ImageProject.Run failed = deploy(s);

        assertFalse(failed.succeeded(), failed::toString);
        assertTrue(failed.log.contains("published " + registryAddress() + "/" + s.project.repository + ":" + Scenario.TAG
                + "-1.0.0 but could not move " + registryAddress() + "/" + s.project.repository + ":latest (moved so far: none)"), failed::toString);
        assertTrue(failed.log.contains("(3 attempts)") && failed.log.contains("The next run completes the promotion"), failed::toString);

        rerunEndsConsistent(s, "PROMOTION_INCOMPLETE");
    }

    @Test
    void theRegistryKilledWhileTheVersionTagIsPushedLeavesNothingHalfPublished() {
        Scenario s = Scenario.start("fault-kill-version");
        killRegistryOnVersionTagPut(s, ServeEventListener.RequestPhase.AFTER_MATCH);

        ImageProject.Run failed = deploy(s);

        assertFalse(failed.succeeded(), failed::toString);
        assertTrue(failed.log.contains("could not write and confirm " + registryAddress() + "/" + s.project.repository + ":"
                + Scenario.TAG + "-1.0.0") && failed.log.contains("No floating tag moved. Run the build again once the registry answers"),
                failed::toString);
        registry.start(); // the orchestrator restarts it, over the same storage
        assertEquals(List.of(), tags(s.project.repository), "no version, no floating tag");

        ImageProject.Run rerun = rerunEndsConsistent(s, "FIRST_VERSION");
        assertTrue(rerun.log.contains("Deleted leftover draft"), "the stopped run's draft goes: " + rerun);
    }

    @Test
    void theRegistryKilledWhileFloatingTagsMoveIsCompletedByTheRerun() {
        Scenario s = Scenario.start("fault-kill-floating");
        killRegistryOnVersionTagPut(s, ServeEventListener.RequestPhase.AFTER_COMPLETE);

        ImageProject.Run failed = deploy(s);

        assertFalse(failed.succeeded(), failed::toString);
        assertTrue(failed.log.contains("No floating tag moved"), failed::toString);
        registry.start();
        assertEquals(List.of(Scenario.TAG + "-1.0.0"), tags(s.project.repository), "the version tag landed, nothing else");

        rerunEndsConsistent(s, "PROMOTION_INCOMPLETE");
    }

    @Test
    void aRegistrySlowerThanTheTimeoutFailsTheCheckWithinBoundedTime() {
        Scenario s = Scenario.start("fault-slow");
        proxy.stubFor(head(urlPathMatching("/v2/.*/manifests/.*")).atPriority(1)
                .willReturn(aResponse().proxiedFrom("http://" + registry.address()).withFixedDelay(5000)));
        // The upstream lives in the main test registry: slow down the target registry's tag list instead.
        proxy.stubFor(any(urlPathMatching("/v2/.*/tags/list")).atPriority(1)
                .willReturn(aResponse().proxiedFrom("http://" + registry.address()).withFixedDelay(5000)));

        long start = System.nanoTime();
        ImageProject.Run run = deploy(s, "platform.registryTimeoutSeconds=1");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        assertFalse(run.succeeded(), run::toString);
        assertTrue(run.log.contains("did not answer /v2/" + s.project.repository + "/tags/list within 1 s"), run::toString);
        assertTrue(seconds < 60, "bounded: " + seconds + " s");
        assertEquals(List.of(), tags(s.project.repository));
    }

    /** Kills the registry as the PUT of the version tag arrives (AFTER_MATCH) or once it was answered (AFTER_COMPLETE). */
    /**
     * Two machines (two working copies, each with its own lock folder) release the same version at once, on a
     * registry that takes 2 s to apply each manifest write and with their version tag writes lined up the worst way:
     * one succeeds, the other fails naming the digest that holds the version, and the floating tags are on the
     * winner's image.
     */
    @Test
    void twoReleasesOfOneVersionOnARegistryThatTakesSecondsPerWritePublishOnce() throws Exception {
        Scenario s = Scenario.start("fault-race");
        ImageProject other = s.project.sibling();
        proxy.stubFor(put(urlPathMatching("/v2/.*/manifests/.*")).atPriority(5)
                .withServeEventListener(ServeEventListener.RequestPhase.AFTER_MATCH, "delay-write", Parameters.empty())
                .willReturn(aResponse().proxiedFrom("http://" + registry.address())));
        proxy.stubFor(put(urlEqualTo("/v2/" + s.project.repository + "/manifests/" + Scenario.TAG + "-1.0.0")).atPriority(1)
                .withServeEventListener(ServeEventListener.RequestPhase.AFTER_MATCH, "pair-version-writes", Parameters.empty())
                .willReturn(aResponse().proxiedFrom("http://" + registry.address())));
        List<java.util.concurrent.CompletableFuture<ImageProject.Run>> started = new ArrayList<>();
        for (ImageProject copy : List.of(s.project, other)) {
            java.nio.file.Path locks = java.nio.file.Files.createTempDirectory("platform-image-locks");
            started.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> copy.mvn(ImageProject.env("MAVEN_OPTS",
                    "-Djava.io.tmpdir=" + locks), "deploy", "platform.registry=" + registryAddress())));
        }
        List<ImageProject.Run> runs = started.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        String both = runs.get(0) + "\n=====\n" + runs.get(1);

        assertEquals(1, runs.stream().filter(ImageProject.Run::succeeded).count(), both);
        ImageProject winner = runs.get(0).succeeded() ? s.project : other;
        ImageProject.Run loser = runs.get(0).succeeded() ? runs.get(1) : runs.get(0);
        String version = digest(s.project.repository, Scenario.TAG + "-1.0.0");
        JsonNode winnerState = JSON.readTree(winner.dir.resolve("target/platform-image/state.json").toFile());
        assertEquals(version, winnerState.path("publishedDigest").asText(), "the winner announced what the registry holds");
        JsonNode loserState = JSON.readTree((winner == s.project ? other : s.project).dir
                .resolve("target/platform-image/state.json").toFile());
        assertTrue(loserState.path("publishedDigest").isNull() || loserState.path("publishedDigest").isMissingNode(),
                loserState::toString);
        assertTrue(loser.log.contains(version), "the loser names the digest that holds the version: " + loser);
        assertEquals(List.of(Scenario.TAG, Scenario.TAG + "-1.0.0", "latest"), tags(s.project.repository));
        assertEquals(version, digest(s.project.repository, "latest"));
        assertEquals(version, digest(s.project.repository, Scenario.TAG));
        assertEquals(List.of(), tags(s.project.repository + "-drafts"), "no draft, no claim left");
    }

    private void killRegistryOnVersionTagPut(Scenario s, ServeEventListener.RequestPhase phase) {
        proxy.stubFor(put(urlEqualTo("/v2/" + s.project.repository + "/manifests/" + Scenario.TAG + "-1.0.0"))
                .withServeEventListener(phase, "kill-registry", Parameters.empty())
                .willReturn(aResponse().proxiedFrom("http://" + registry.address())));
    }

    /** Faults off, the same build again: it succeeds with {@code decision} and ends with 1.0.0 published whole. */
    private ImageProject.Run rerunEndsConsistent(Scenario s, String decision) {
        proxyEverything();
        ImageProject.Run rerun = deploy(s);
        assertTrue(rerun.succeeded(), rerun::toString);
        assertTrue(rerun.log.contains(decision), rerun::toString);
        assertConsistentOn(s, "1.0.0");
        return rerun;
    }
}
