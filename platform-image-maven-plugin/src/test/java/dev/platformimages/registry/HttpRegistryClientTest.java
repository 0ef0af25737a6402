package dev.platformimages.registry;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.platformimages.image.ImageReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpRegistryClientTest {

    private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
            + "\",\"config\":{\"digest\":\"sha256:abc\"}}";
    private static final String MANIFEST_DIGEST = HttpRegistryClient.sha256(MANIFEST.getBytes(StandardCharsets.UTF_8));

    private WireMockServer server;
    private String registry;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        registry = "localhost:" + server.port();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpRegistryClient client(Optional<RegistryCredentials> credentials) {
        return new HttpRegistryClient(Duration.ofSeconds(5), host -> credentials);
    }

    private ImageReference ref(String tag) {
        return ImageReference.parse(registry + "/lib/app:" + tag);
    }

    @Test
    void headSendsEveryManifestMediaTypeAndReadsTheDigest() {
        server.stubFor(head(urlEqualTo("/v2/lib/app/manifests/1")).willReturn(aResponse().withStatus(200)
                .withHeader("Docker-Content-Digest", MANIFEST_DIGEST).withHeader("Content-Type", MediaTypes.OCI_INDEX)));
        ManifestHead head = client(Optional.empty()).head(ref("1")).orElseThrow();
        assertEquals(MANIFEST_DIGEST, head.digest());
        assertEquals(MediaTypes.OCI_INDEX, head.mediaType());
        server.verify(headRequestedFor(urlEqualTo("/v2/lib/app/manifests/1")).withHeader("Accept", equalTo(MediaTypes.ACCEPT)));
        assertTrue(MediaTypes.ACCEPT.contains(MediaTypes.OCI_INDEX) && MediaTypes.ACCEPT.contains(MediaTypes.DOCKER_MANIFEST_LIST)
                && MediaTypes.ACCEPT.contains(MediaTypes.OCI_MANIFEST) && MediaTypes.ACCEPT.contains(MediaTypes.DOCKER_MANIFEST));
    }

    @Test
    void unknownManifestIsEmpty() {
        server.stubFor(head(urlEqualTo("/v2/lib/app/manifests/9")).willReturn(aResponse().withStatus(404)));
        assertTrue(client(Optional.empty()).head(ref("9")).isEmpty());
    }

    @Test
    void answersABearerChallengeAnonymouslyAndReusesTheToken() {
        String challenge = "Bearer realm=\"http://" + registry + "/token\",service=\"test-registry\",scope=\"repository:lib/app:pull\"";
        server.stubFor(head(urlEqualTo("/v2/lib/app/manifests/1")).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", challenge)));
        server.stubFor(get(urlPathEqualTo("/token")).withQueryParam("service", equalTo("test-registry"))
                .withQueryParam("scope", equalTo("repository:lib/app:pull")).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(200).withBody("{\"token\":\"t0k3n\"}")));
        server.stubFor(head(urlEqualTo("/v2/lib/app/manifests/1")).withHeader("Authorization", equalTo("Bearer t0k3n"))
                .willReturn(aResponse().withStatus(200).withHeader("Docker-Content-Digest", MANIFEST_DIGEST)));
        RegistryCache build = new RegistryCache();
        HttpRegistryClient client = client(Optional.empty()).sharing(build);
        assertEquals(MANIFEST_DIGEST, client.head(ref("1")).orElseThrow().digest());
        assertEquals(MANIFEST_DIGEST, client.head(ref("1")).orElseThrow().digest());
        // Another client of the same build (the next image of a reactor) reuses the token too.
        assertEquals(MANIFEST_DIGEST, client(Optional.empty()).sharing(build).head(ref("1")).orElseThrow().digest());
        server.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/token")));
        server.verify(1, headRequestedFor(urlEqualTo("/v2/lib/app/manifests/1")).withHeader("Authorization", absent()));
        // A client of the next build starts afresh: nothing static outlives a build.
        assertEquals(MANIFEST_DIGEST, client(Optional.empty()).sharing(new RegistryCache()).head(ref("1")).orElseThrow().digest());
        server.verify(2, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/token")));
        assertEquals(java.util.List.of(registry + ": 3 (HEAD 3; 0 B sent, 0 B received)"), client.requestCounts(), "this client: the 401, the retry, the reuse");
    }

    @Test
    void sendsConfiguredCredentialsToTheTokenService() {
        String challenge = "Bearer realm=\"http://" + registry + "/token\",service=\"s\"";
        server.stubFor(head(urlEqualTo("/v2/lib/app/manifests/1")).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", challenge)));
        server.stubFor(get(urlPathEqualTo("/token")).withBasicAuth("robot", "s3cret")
                .willReturn(aResponse().withStatus(200).withBody("{\"access_token\":\"private\"}")));
        server.stubFor(head(urlEqualTo("/v2/lib/app/manifests/1")).withHeader("Authorization", equalTo("Bearer private"))
                .willReturn(aResponse().withStatus(200).withHeader("Docker-Content-Digest", MANIFEST_DIGEST)));
        assertEquals(MANIFEST_DIGEST, client(Optional.of(new RegistryCredentials("robot", "s3cret")))
                .head(ref("1")).orElseThrow().digest());
    }

    @Test
    void basicChallengeWithoutCredentialsSaysWhichServerIdToConfigure() {
        server.stubFor(head(urlEqualTo("/v2/lib/app/manifests/1"))
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"r\"")));
        RegistryException e = assertThrows(RegistryException.class, () -> client(Optional.empty()).head(ref("1")));
        assertTrue(e.getMessage().contains("<server> with id '" + registry + "'"), e.getMessage());
    }

    @Test
    void refusedCredentialsNeverAppearInTheMessage() {
        server.stubFor(head(urlEqualTo("/v2/lib/app/manifests/1"))
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"r\"")));
        RegistryException e = assertThrows(RegistryException.class,
                () -> client(Optional.of(new RegistryCredentials("robot", "hunter2"))).head(ref("1")));
        assertTrue(e.getMessage().contains("refused the credentials"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(e.getMessage().contains("aHVudGVyMg"), "no base64 of the password either");
    }

    @Test
    void tagsFollowPaginationAndAMissingRepositoryHasNone() {
        server.stubFor(get(urlEqualTo("/v2/lib/app/tags/list?n=1000")).willReturn(aResponse().withStatus(200)
                .withHeader("Link", "</v2/lib/app/tags/list?last=b&n=1000>; rel=\"next\"")
                .withBody("{\"name\":\"lib/app\",\"tags\":[\"a\",\"b\"]}")));
        server.stubFor(get(urlEqualTo("/v2/lib/app/tags/list?last=b&n=1000")).willReturn(aResponse().withStatus(200)
                .withBody("{\"name\":\"lib/app\",\"tags\":[\"c\"]}")));
        server.stubFor(get(urlEqualTo("/v2/lib/none/tags/list?n=1000")).willReturn(aResponse().withStatus(404)
                .withBody("{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known\"}]}")));
        HttpRegistryClient client = client(Optional.empty());
        assertEquals(List.of("a", "b", "c"), client.tags(registry, "lib/app"));
        assertEquals(List.of(), client.tags(registry, "lib/none"));
    }

    @Test
    void aManifestWhoseBytesDoNotMatchItsDigestIsRejected() {
        server.stubFor(get(urlEqualTo("/v2/lib/app/manifests/1")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", MediaTypes.OCI_MANIFEST)
                .withHeader("Docker-Content-Digest", "sha256:" + "f".repeat(64)).withBody(MANIFEST)));
        RegistryException e = assertThrows(RegistryException.class, () -> client(Optional.empty()).manifest(ref("1")));
        assertTrue(e.getMessage().contains("rejected"), e.getMessage());

        server.stubFor(get(urlEqualTo("/v2/lib/app/manifests/2")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", MediaTypes.OCI_MANIFEST).withBody(MANIFEST)));
        Manifest ok = client(Optional.empty()).manifest(ref("2")).orElseThrow();
        assertEquals(MANIFEST_DIGEST, ok.digest());
    }

    @Test
    void putCopiesTheManifestBytesAndMediaType() {
        server.stubFor(put(urlEqualTo("/v2/lib/app/manifests/latest")).willReturn(aResponse().withStatus(201)
                .withHeader("Docker-Content-Digest", MANIFEST_DIGEST)));
        String digest = client(Optional.empty()).putManifest(ref("latest"),
                new Manifest(MANIFEST.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, MANIFEST_DIGEST));
        assertEquals(MANIFEST_DIGEST, digest);
        server.verify(putRequestedFor(urlEqualTo("/v2/lib/app/manifests/latest"))
                .withHeader("Content-Type", equalTo(MediaTypes.OCI_MANIFEST)).withRequestBody(equalTo(MANIFEST)));
    }

    @Test
    void blobRedirectsAreFollowedWithoutCredentials() {
        byte[] config = "{\"config\":{\"Labels\":{\"a\":\"b\"}}}".getBytes(StandardCharsets.UTF_8);
        String digest = HttpRegistryClient.sha256(config);
        server.stubFor(get(urlEqualTo("/v2/lib/app/blobs/" + digest)).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"r\"")));
        server.stubFor(get(urlEqualTo("/v2/lib/app/blobs/" + digest)).withBasicAuth("robot", "pw")
                .willReturn(aResponse().withStatus(307).withHeader("Location", "/storage/blob?signature=xyz")));
        server.stubFor(get(urlPathEqualTo("/storage/blob")).willReturn(aResponse().withStatus(200).withBody(config)));

        byte[] body = client(Optional.of(new RegistryCredentials("robot", "pw"))).blob(ref("1"), digest);

        assertEquals(new String(config, StandardCharsets.UTF_8), new String(body, StandardCharsets.UTF_8));
        server.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/storage/blob"))
                .withHeader("Authorization", absent()));
    }

    @Test
    void aLayerIsStreamedToAFileThroughTheRedirectAndVerified(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        byte[] layer = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(layer);
        String digest = HttpRegistryClient.sha256(layer);
        server.stubFor(get(urlEqualTo("/v2/lib/app/blobs/" + digest)).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"r\"")));
        server.stubFor(get(urlEqualTo("/v2/lib/app/blobs/" + digest)).withBasicAuth("robot", "pw")
                .willReturn(aResponse().withStatus(307).withHeader("Location", "/storage/layer?signature=xyz")));
        server.stubFor(get(urlPathEqualTo("/storage/layer")).willReturn(aResponse().withStatus(200).withBody(layer)));
        java.nio.file.Path file = dir.resolve("layer.blob");

        client(Optional.of(new RegistryCredentials("robot", "pw"))).blobTo(ref("1"), digest, file);

        assertTrue(java.util.Arrays.equals(layer, java.nio.file.Files.readAllBytes(file)));
        String wrong = "sha256:" + "0".repeat(64);
        server.stubFor(get(urlEqualTo("/v2/lib/app/blobs/" + wrong)).willReturn(aResponse().withStatus(200).withBody(layer)));
        RegistryException e = assertThrows(RegistryException.class, () -> client(Optional.empty()).blobTo(ref("1"), wrong, file));
        assertTrue(e.getMessage().contains("whose bytes hash to " + digest + ": rejected"), e.getMessage());
        server.stubFor(get(urlEqualTo("/v2/lib/app/blobs/" + wrong.replace('0', '1')))
                .willReturn(aResponse().withStatus(404).withBody("{\"errors\":[{\"code\":\"BLOB_UNKNOWN\"}]}")));
        assertThrows(RegistryException.class, () -> client(Optional.empty()).blobTo(ref("1"), wrong.replace('0', '1'), file));
    }

    @Test
    void credentialsAboutToExpireAreLookedUpAgainNotKeptForTheClientsLife() {
        // An ECR token: valid 12 hours, but a long release (a multi-arch build under QEMU) can outlast what is left.
        server.stubFor(head(urlEqualTo("/v2/lib/app/manifests/1")).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"r\"")));
        server.stubFor(head(urlEqualTo("/v2/lib/app/manifests/1")).withBasicAuth("AWS", "token-2")
                .willReturn(aResponse().withStatus(200).withHeader("Docker-Content-Digest", MANIFEST_DIGEST)
                        .withHeader("Content-Type", MediaTypes.OCI_MANIFEST)));
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        java.time.Instant soon = java.time.Instant.now().plus(Duration.ofMinutes(10));
        HttpRegistryClient client = new HttpRegistryClient(Duration.ofSeconds(5), host -> Optional.of(
                new RegistryCredentials("AWS", "token-" + lookups.incrementAndGet(), soon.plus(Duration.ofHours(lookups.get() - 1)))));

        // The first lookup gives a token expiring in 10 minutes: the request asks again and goes with token-2.
        assertEquals(MANIFEST_DIGEST, client.head(ref("1")).orElseThrow().digest());
        assertEquals(MANIFEST_DIGEST, client.head(ref("1")).orElseThrow().digest());
        assertEquals(2, lookups.get(), "looked up again once near expiry, then kept while valid");
    }

    @Test
    void aRedirectToPlainHttpOffLoopbackIsRefused() {
        server.stubFor(get(urlEqualTo("/v2/lib/app/blobs/sha256:x")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://storage.example.com/blob")));
        RegistryException e = assertThrows(RegistryException.class,
                () -> client(Optional.empty()).blob(ref("1"), "sha256:x"));
        assertTrue(e.getMessage().contains("redirected to http://storage.example.com, which is not TLS"), e.getMessage());
    }

    @Test
    void registryErrorsAreQuoted() {
        server.stubFor(put(urlEqualTo("/v2/lib/app/manifests/x")).willReturn(aResponse().withStatus(400)
                .withBody("{\"errors\":[{\"code\":\"MANIFEST_BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\"}]}")));
        RegistryException e = assertThrows(RegistryException.class, () -> client(Optional.empty()).putManifest(ref("x"),
                new Manifest(new byte[]{'{', '}'}, MediaTypes.OCI_MANIFEST, "sha256:x")));
        assertTrue(e.getMessage().contains("HTTP 400 (MANIFEST_BLOB_UNKNOWN blob unknown to registry)"), e.getMessage());
    }

    @Test
    void anUnreachableRegistryIsNamed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ImageReference ref = ImageReference.parse("127.0.0.1:" + port + "/lib/app:1");
        RegistryException e = assertThrows(RegistryException.class, () -> client(Optional.empty()).head(ref));
        assertTrue(e.getMessage().contains("cannot reach registry 127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void tlsFirstEverywhereEvenOnLoopbackAndForTheRegistriesListedAsInsecure() {
        // Plain HTTP only after such a registry answered without TLS (RegistryTlsTest); never for the others.
        HttpRegistryClient client = client(Optional.empty());
        assertEquals("https://127.0.0.9:5999", client.base("127.0.0.9:5999").toString());
        assertEquals("https://localhost:5999", client.base("localhost:5999").toString());
        assertEquals("https://registry-1.docker.io", client.base("docker.io").toString());
        assertEquals("https://mcr.microsoft.com", client.base("mcr.microsoft.com").toString());
        client.insecureRegistries(java.util.Set.of("lab-registry.internal:5000"));
        assertEquals("https://lab-registry.internal:5000", client.base("lab-registry.internal:5000").toString());
    }

    @Test
    void challengeParsing() {
        AuthChallenge c = AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/busybox:pull\"");
        assertTrue(c.isBearer());
        assertEquals("https://auth.docker.io/token", c.parameter("realm"));
        assertEquals("registry.docker.io", c.parameter("service"));
        assertEquals("repository:library/busybox:pull", c.parameter("scope"));
        assertTrue(AuthChallenge.parse("Basic realm=x").isBasic());
        assertFalse(AuthChallenge.parse("").isBearer());
    }

    @Test
    void aBlobIsMountedFromTheDraftRepositoryWithoutUploadingIt() {
        server.stubFor(head(urlEqualTo("/v2/lib/app/blobs/sha256:b1")).willReturn(aResponse().withStatus(404)));
        server.stubFor(post(urlEqualTo("/v2/lib/app/blobs/uploads/?mount=sha256%3Ab1&from=lib%2Fapp-drafts"))
                .willReturn(aResponse().withStatus(201)));
        client(Optional.empty()).copyBlob(ref("1"), "sha256:b1", "lib/app-drafts");
        server.verify(postRequestedFor(urlEqualTo("/v2/lib/app/blobs/uploads/?mount=sha256%3Ab1&from=lib%2Fapp-drafts")));
        server.verify(0, putRequestedFor(urlPathEqualTo("/v2/lib/app/blobs/uploads/u1")));
    }

    @Test
    void aBlobTheTargetHasIsLeftAlone() {
        server.stubFor(head(urlEqualTo("/v2/lib/app/blobs/sha256:b1")).willReturn(aResponse().withStatus(200)));
        client(Optional.empty()).copyBlob(ref("1"), "sha256:b1", "lib/app-drafts");
        server.verify(0, postRequestedFor(urlPathEqualTo("/v2/lib/app/blobs/uploads/")));
    }

    @Test
    void aRegistryThatDoesNotMountGetsTheBlobsBytesVerified() {
        byte[] bytes = "layer bytes".getBytes(StandardCharsets.UTF_8);
        String digest = HttpRegistryClient.sha256(bytes);
        server.stubFor(head(urlEqualTo("/v2/lib/app/blobs/" + digest)).willReturn(aResponse().withStatus(404)));
        server.stubFor(post(urlPathEqualTo("/v2/lib/app/blobs/uploads/"))
                .willReturn(aResponse().withStatus(202).withHeader("Location", "/v2/lib/app/blobs/uploads/u1?_state=s")));
        server.stubFor(get(urlEqualTo("/v2/lib/app-drafts/blobs/" + digest)).willReturn(aResponse().withBody(bytes)));
        server.stubFor(put(urlPathEqualTo("/v2/lib/app/blobs/uploads/u1")).willReturn(aResponse().withStatus(201)));

        client(Optional.empty()).copyBlob(ref("1"), digest, "lib/app-drafts");

        server.verify(putRequestedFor(urlEqualTo("/v2/lib/app/blobs/uploads/u1?_state=s&digest=" + digest.replace(":", "%3A")))
                .withRequestBody(binaryEqualTo(bytes)));
    }

    @Test
    void deletingAManifestThatIsGoneIsFineAndARefusalIsAnError() {
        server.stubFor(delete(urlEqualTo("/v2/lib/app/manifests/sha256:d1")).willReturn(aResponse().withStatus(202)));
        server.stubFor(delete(urlEqualTo("/v2/lib/app/manifests/sha256:d2")).willReturn(aResponse().withStatus(404)));
        server.stubFor(delete(urlEqualTo("/v2/lib/app/manifests/sha256:d3")).willReturn(aResponse().withStatus(405)
                .withBody("{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"The operation is unsupported.\"}]}")));
        HttpRegistryClient client = client(Optional.empty());
        client.deleteManifest(ref("x").withDigest("sha256:d1"));
        client.deleteManifest(ref("x").withDigest("sha256:d2"));
        RegistryException refused = assertThrows(RegistryException.class, () -> client.deleteManifest(ref("x").withDigest("sha256:d3")));
        assertTrue(refused.getMessage().contains("does not allow deleting") && refused.getMessage().contains("UNSUPPORTED"),
                refused.getMessage());
    }

    private final java.util.List<Duration> waits = new java.util.ArrayList<>();

    private HttpRegistryClient retrying() {
        return new HttpRegistryClient(Duration.ofSeconds(5), host -> Optional.empty(), Duration.ofMillis(500), waits::add);
    }

    private void headScenario(String... states) {
        // Each call answers with the next status; the last one repeats.
        for (int i = 0; i < states.length; i++) {
            String[] parts = states[i].split(" ", 2);
            var response = aResponse().withStatus(Integer.parseInt(parts[0]));
            if (parts[0].equals("200")) {
                response.withHeader("Docker-Content-Digest", MANIFEST_DIGEST).withHeader("Content-Type", MediaTypes.OCI_MANIFEST);
            }
            if (parts.length > 1) {
                response.withHeader("Retry-After", parts[1]);
            }
            var stub = head(urlEqualTo("/v2/lib/app/manifests/1")).inScenario("s")
                    .whenScenarioStateIs(i == 0 ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED : "s" + i);
            if (i < states.length - 1) {
                stub.willSetStateTo("s" + (i + 1)); // the last answer repeats
            }
            server.stubFor(stub.willReturn(response));
        }
    }

    @Test
    void a429IsRetriedAfterWhatRetryAfterSays() {
        headScenario("429 2", "200");
        assertEquals(MANIFEST_DIGEST, retrying().head(ref("1")).orElseThrow().digest());
        assertEquals(java.util.List.of(Duration.ofSeconds(2)), waits);
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenReported() {
        headScenario("503");
        RegistryException e = assertThrows(RegistryException.class, () -> retrying().head(ref("1")));
        assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
        assertEquals(java.util.List.of(Duration.ofMillis(500), Duration.ofSeconds(1)), waits);
        server.verify(3, headRequestedFor(urlEqualTo("/v2/lib/app/manifests/1")));
    }

    @Test
    void brokenConnectionsAreRetried() {
        server.stubFor(head(urlEqualTo("/v2/lib/app/manifests/1")).inScenario("r")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        server.stubFor(head(urlEqualTo("/v2/lib/app/manifests/1")).inScenario("r").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withHeader("Docker-Content-Digest", MANIFEST_DIGEST)
                        .withHeader("Content-Type", MediaTypes.OCI_MANIFEST)));
        assertEquals(MANIFEST_DIGEST, retrying().head(ref("1")).orElseThrow().digest());
        assertEquals(1, waits.size());
    }

    @Test
    void aRetryAfterBeyondTheLimitIsReportedAtOnceAndA404IsNotRetried() {
        headScenario("429 3600");
        RegistryException e = assertThrows(RegistryException.class, () -> retrying().head(ref("1")));
        assertTrue(e.getMessage().contains("HTTP 429") && e.getMessage().contains("limits the request rate"), e.getMessage());
        assertEquals(java.util.List.of(), waits);

        server.resetAll();
        server.stubFor(head(urlEqualTo("/v2/lib/app/manifests/2")).willReturn(aResponse().withStatus(404)));
        assertTrue(retrying().head(ref("2")).isEmpty());
        server.verify(1, headRequestedFor(urlEqualTo("/v2/lib/app/manifests/2")));
    }

    @Test
    void aPrivateRegistryWithoutCredentialsSaysWhereTheyWereLookedFor() {
        server.stubFor(head(urlEqualTo("/v2/lib/app/manifests/1")).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Basic realm=\"registry\"")));
        CredentialLookup none = new CredentialLookup() {
            @Override
            public Optional<RegistryCredentials> find(String host) {
                return Optional.empty();
            }

            @Override
            public String searched(String host) {
                return "the <server> with id '" + host + "' in settings.xml, then ~/.docker/config.json";
            }
        };
        RegistryException e = assertThrows(RegistryException.class,
                () -> new HttpRegistryClient(Duration.ofSeconds(5), none).head(ref("1")));
        assertEquals("registry " + registry + " requires credentials for " + registry + "/lib/app, and none were found "
                + "(looked for the <server> with id '" + registry + "' in settings.xml, then ~/.docker/config.json)", e.getMessage());
    }
}
