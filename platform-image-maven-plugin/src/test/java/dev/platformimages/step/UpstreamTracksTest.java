package dev.platformimages.step;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.platformimages.registry.HttpRegistryClient;
import dev.platformimages.registry.MediaTypes;
import dev.platformimages.release.ReleaseState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The track report against a registry (WireMock) whose tag list has two pages and whose base was built long ago. */
class UpstreamTracksTest {

    private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");
    private WireMockServer server;
    private String registry;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        registry = "127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** node's tags over two pages (the newer track on the second), and the followed tag's image built {@code created}. */
    private String serve(String created) {
        server.stubFor(get(urlEqualTo("/v2/library/node/tags/list?n=1000")).willReturn(aResponse().withStatus(200)
                .withHeader("Link", "</v2/library/node/tags/list?last=20-bookworm-slim&n=1000>; rel=\"next\"")
                .withBody("{\"name\":\"library/node\",\"tags\":[\"18-bookworm-slim\",\"20-bookworm\",\"20-bookworm-slim\"]}")));
        server.stubFor(get(urlEqualTo("/v2/library/node/tags/list?last=20-bookworm-slim&n=1000")).willReturn(aResponse()
                .withStatus(200).withBody("{\"name\":\"library/node\",\"tags\":[\"22-bookworm-slim\",\"22-trixie-slim\",\"latest\"]}")));
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"" + created + "\",\"config\":{}}")
                .getBytes(StandardCharsets.UTF_8);
        String configDigest = HttpRegistryClient.sha256(config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length
                + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
        String digest = HttpRegistryClient.sha256(manifest);
        server.stubFor(get(urlEqualTo("/v2/library/node/manifests/" + digest)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", MediaTypes.OCI_MANIFEST).withHeader("Docker-Content-Digest", digest).withBody(manifest)));
        server.stubFor(get(urlEqualTo("/v2/library/node/blobs/" + configDigest)).willReturn(aResponse().withStatus(200).withBody(config)));
        return digest;
    }

    private ReleaseState state(String digest) {
        ReleaseState state = new ReleaseState();
        state.baseDigests.put(registry + "/library/node:20-bookworm-slim", digest);
        state.basePlatformDigests.put(registry + "/library/node:20-bookworm-slim", digest);
        return state;
    }

    private UpstreamTracks tracks(Map<String, List<String>> tags, Duration staleAfter) {
        return new UpstreamTracks(new HttpRegistryClient(Duration.ofSeconds(5), host -> Optional.empty()), tags,
                new ConcurrentHashMap<>(), staleAfter, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aNewerTrackOnTheSecondPageAndATagThatStoppedMovingAreReportedOncePerRun() {
        String digest = serve("2026-05-16T00:00:00Z");
        Map<String, List<String>> tags = new ConcurrentHashMap<>();
        UpstreamTracks tracks = tracks(tags, Duration.ofDays(90));
        List<String> expected = List.of(
                registry + "/library/node:22-bookworm-slim is a newer track than the 20-bookworm-slim followed",
                registry + "/library/node:20-bookworm-slim has not moved for 200 days (its image was built 2026-05-16T00:00:00Z; "
                        + "platform.staleBaseAge=90d): the track may be at its end of life");
        assertEquals(expected, tracks.report(state(digest)));
        assertEquals(expected, tracks.report(state(digest)), "a second image of the run with the same base");
        server.verify(1, getRequestedFor(urlEqualTo("/v2/library/node/tags/list?n=1000")));
        server.verify(1, getRequestedFor(urlEqualTo("/v2/library/node/tags/list?last=20-bookworm-slim&n=1000")));
        server.verify(1, getRequestedFor(urlPathEqualTo("/v2/library/node/manifests/" + digest)));
    }

    @Test
    void aTagThatMovesAndAStaleAgeOfZeroSayNothingOfAge() {
        String digest = serve("2026-11-30T00:00:00Z");
        assertEquals(List.of(registry + "/library/node:22-bookworm-slim is a newer track than the 20-bookworm-slim followed"),
                tracks(new ConcurrentHashMap<>(), Duration.ofDays(90)).report(state(digest)));
        assertEquals(1, tracks(new ConcurrentHashMap<>(), Duration.ZERO).report(state(digest)).size());
    }

    @Test
    void aRegistryThatCannotListItsTagsIsALineNotAFailure() {
        server.stubFor(get(urlEqualTo("/v2/library/node/tags/list?n=1000")).willReturn(aResponse().withStatus(403)
                .withBody("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"no\"}]}")));
        List<String> lines = tracks(new ConcurrentHashMap<>(), Duration.ZERO).report(state("sha256:" + "a".repeat(64)));
        assertEquals(1, lines.size());
        assertEquals(true, lines.get(0).startsWith("the tags of " + registry + "/library/node could not be listed: "), lines.get(0));
    }
}
