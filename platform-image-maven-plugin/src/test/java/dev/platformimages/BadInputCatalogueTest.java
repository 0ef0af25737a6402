package dev.platformimages;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.platformimages.dockerfile.DockerfileParser;
import dev.platformimages.ecr.EcrOptions;
import dev.platformimages.ecr.EcrRegistryHost;
import dev.platformimages.ecr.LifecyclePolicy;
import dev.platformimages.ecr.RepositorySettings;
import dev.platformimages.ecr.ScanPolicy;
import dev.platformimages.gate.StatusSet;
import dev.platformimages.image.ImageReference;
import dev.platformimages.image.Platforms;
import dev.platformimages.image.RegistryMirrors;
import dev.platformimages.notify.ChannelSpec;
import dev.platformimages.notify.NotificationChannel;
import dev.platformimages.notify.NotifyOn;
import dev.platformimages.notify.WebhookDelivery;
import dev.platformimages.registry.HttpRegistryClient;
import dev.platformimages.release.ReleaseTarget;
import dev.platformimages.step.ImageDefinition;
import dev.platformimages.step.RegistryReadAhead;
import dev.platformimages.version.Bump;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The bad-input catalogue (the manual, "Bad input"): each row a bad POM parameter, Dockerfile, registry answer, webhook
 * answer or environment, with the exact message the user sees. Registry and webhook answers come from WireMock.
 * The Maven-level rows (no Docker engine, no Dockerfile, unreachable registry, ...) are BadInputIT's.
 */
class BadInputCatalogueTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{\"digest\":\"" + DIGEST + "\"},\"layers\":[]}";
    private static WireMockServer registry;
    private static String host;

    @BeforeAll
    static void registryAnswers() {
        registry = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        registry.start();
        host = "127.0.0.1:" + registry.port();
        registry.stubFor(get(urlPathEqualTo("/v2/bad/json/tags/list")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"name\":\"bad/json\",\"tags\":[\"1.0\"")));
        registry.stubFor(get(urlEqualTo("/v2/bad/digest/manifests/1")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .withHeader("Docker-Content-Digest", DIGEST).withBody(MANIFEST)));
        registry.stubFor(get(urlEqualTo("/v2/bad/portal/manifests/1")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody("<html>Please sign in</html>")));
        registry.stubFor(get(urlEqualTo("/v2/bad/schema1/manifests/1")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/vnd.docker.distribution.manifest.v1+prettyjws").withBody("{}")));
        registry.stubFor(get(urlEqualTo("/v2/bad/blob/blobs/" + DIGEST)).willReturn(aResponse().withStatus(200)
                .withBody("not the blob")));
        registry.stubFor(get(urlPathEqualTo("/v2/bad/private/tags/list")).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Basic realm=\"corp\"")));
        registry.stubFor(post(urlEqualTo("/hooks/gone")).willReturn(aResponse().withStatus(404).withBody("Not Found")));
        registry.stubFor(post(urlEqualTo("/hooks/bad-card")).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":{\"code\":\"TriggerInputSchemaMismatch\"}}")));
    }

    @AfterAll
    static void stop() {
        registry.stop();
    }

    private static HttpRegistryClient client() {
        return new HttpRegistryClient(Duration.ofSeconds(5), h -> Optional.empty());
    }

    private static Arguments row(String area, String input, Runnable call, Supplier<String> message) {
        return Arguments.of(area, input, call, message);
    }

    private static Arguments row(String area, String input, Runnable call, String message) {
        return Arguments.of(area, input, call, (Supplier<String>) () -> message);
    }

    private static String delivery(String path) {
        NotificationChannel channel = NotificationChannel.resolve(List.of(new ChannelSpec("webhook", null,
                "http://127.0.0.1:" + registry.port() + path, null, null, null)), NotifyOn.RELEASE, Map.of()).get(0);
        WebhookDelivery.Result result = new WebhookDelivery().post(channel, "{}".getBytes(), Map.of());
        if (result.delivered()) {
            fail("delivered");
        }
        throw new IllegalStateException(result.detail());
    }

    static Stream<Arguments> catalogue() throws Exception {
        Path noDockerfile = Files.createTempDirectory("bad-input");
        Path buildKit = Files.createDirectories(noDockerfile.resolve("buildkit"));
        Files.writeString(buildKit.resolve("Dockerfile"), "FROM debian\nRUN --mount=type=cache,target=/root/.m2 mvn package\n");
        return Stream.of(
                // POM parameters
                row("parameter", "platform.tag=-bad", () -> new ReleaseTarget("127.0.0.1:5000", "platform/busybox", "-bad", List.of()),
                        "platform.tag is '-bad': a tag is letters, digits, '_', '.' and '-', starts with a letter, digit or '_', "
                                + "and leaves room for the version (at most 116 characters)"),
                row("parameter", "platform.extraTags=1.35-1.0.0", () -> new ReleaseTarget("127.0.0.1:5000", "platform/busybox", "1.35",
                        List.of("1.35-1.0.0")), "platform.extraTags has '1.35-1.0.0', which looks like a version tag of '1.35': version tags never move"),
                row("parameter", "platform.repository=Platform/BusyBox", () -> new ReleaseTarget("127.0.0.1:5000", "Platform/BusyBox", "1.35", List.of()),
                        "platform.repository is 'Platform/BusyBox': '127.0.0.1:5000/Platform/BusyBox': repository path component "
                                + "'Platform' must be lowercase letters, digits and separators (. _ __ -)"),
                row("parameter", "platform.registry=https://ghcr.io", () -> new ReleaseTarget("https://ghcr.io", "platform/busybox", "1.35", List.of()),
                        "platform.registry is 'https://ghcr.io': give host[:port] only, without scheme or path (e.g. 127.0.0.1:5000)"),
                row("parameter", "platform.draftRepository = the repository", () -> new ReleaseTarget("127.0.0.1:5000", "platform/busybox", "1.35",
                        List.of(), "platform/busybox"), "platform.draftRepository is the release repository platform/busybox: drafts need a "
                        + "repository of their own, so that deleting one never deletes a release"),
                row("parameter", "platform.caCertificates=missing.pem", () -> dev.platformimages.registry.TrustedCertificates
                                .withCaCertificates(List.of(noDockerfile.resolve("missing.pem"))),
                        () -> "platform.caCertificates names " + noDockerfile.resolve("missing.pem") + ", which does not exist: "
                                + "give the path of a PEM file with the CA certificate(s) that signed the registry's certificate"),
                row("parameter", "platform.checkThreads=-1", () -> RegistryReadAhead.checkedThreads(-1),
                        "platform.checkThreads is -1: give 1 to 64 threads, or 0 to let each check read for itself"),
                row("parameter", "platform.bump=huge", () -> Bump.parse("huge"), "platform.bump is 'huge': use major, minor or patch (or leave it unset)"),
                row("parameter", "platform.platforms=linux/sparc", () -> Platforms.parse("linux/sparc"),
                        "platform.platforms has 'linux/sparc', which is not a platform this plugin builds: use os/architecture[/variant] from "
                                + "linux/amd64, linux/arm64, linux/arm64/v8, linux/arm/v7, linux/arm/v6, linux/386, linux/ppc64le, linux/s390x, "
                                + "linux/riscv64, linux/mips64le, windows/amd64"),
                row("parameter", "platform.platforms=linux/arm64,linux/arm64", () -> Platforms.parse("linux/arm64,linux/arm64"),
                        "platform.platforms names linux/arm64 twice: each platform is built once"),
                row("parameter", "platform.mirrors=docker.io", () -> RegistryMirrors.parse("docker.io"),
                        "platform.mirrors has 'docker.io': write upstream=mirror, for example docker.io=mirror.example.com/docker-hub"),
                row("parameter", "platform.notifyOn=sometimes", () -> NotifyOn.parse("sometimes", "platform.notifyOn"),
                        "platform.notifyOn is 'sometimes': use release, failure, always or never"),
                row("parameter", "expectStatus=2xxx", () -> StatusSet.parse("2xxx", "integrationTest.expectStatus"),
                        "integrationTest.expectStatus is '2xxx': '2xxx' is neither an HTTP status (100-599) nor a class such as 2xx"),
                row("parameter", "ECR host with an 11-digit account", () -> EcrRegistryHost.parse("12345678901.dkr.ecr.eu-west-1.amazonaws.com"),
                        "platform.registry is '12345678901.dkr.ecr.eu-west-1.amazonaws.com': an ECR registry host starts with the 12-digit "
                                + "AWS account id, and '12345678901' is not one"),
                row("parameter", "platform.aws.region=us-east-1 for an eu-west-1 host",
                        () -> EcrRegistryHost.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com").orElseThrow().requireRegion("us-east-1"),
                        "platform.aws.region is 'us-east-1' but the registry 123456789012.dkr.ecr.eu-west-1.amazonaws.com is in eu-west-1: "
                                + "ECR repositories are regional; remove platform.aws.region or fix the host"),
                row("parameter", "platform.ecr.kmsKey=<no key id, alias or ARN>", () -> RepositorySettings.of(true, null, List.of(), null,
                        "platform-key", null, false), "platform.ecr.kmsKey is 'platform-key': give the key as ECR takes it: its ARN "
                        + "(arn:aws:kms:REGION:ACCOUNT:key/KEY-ID), its key id (1234abcd-12ab-34cd-56ef-1234567890ab), an alias name "
                        + "(alias/NAME) or an alias ARN (arn:aws:kms:REGION:ACCOUNT:alias/NAME)"),
                row("parameter", "6 floating tags ECR's 5 exclusion filters cannot cover", () -> RepositorySettings.of(true, null,
                        List.of("latest", "8.0", "a", "b", "c", "d"), null, null, null, false, "8.0").exclusions(),
                        "the floating tags latest, 8.0, a, b, c, d need 6 ECR tag mutability exclusion filters, and ECR takes at "
                        + "most 5 per repository; no wildcard can join them without also making version tags (8.0-X.Y.Z), drafts "
                        + "or claims mutable. Give fewer platform.extraTags, or extra tags that share a prefix (team-a, team-b: "
                        + "team-*), or set platform.ecr.tagMutability=MUTABLE (the plugin never moves a version tag itself)"),
                row("parameter", "platform.ecr.registryEndpoint=https://vpce...", () -> dev.platformimages.ecr.EcrOptions.of(null, null,
                        null, 5, "https://vpce-1.dkr.ecr.eu-west-1.vpce.amazonaws.com"),
                        "platform.ecr.registryEndpoint is 'https://vpce-1.dkr.ecr.eu-west-1.vpce.amazonaws.com': give a host or "
                        + "host:port without scheme or path, e.g. vpce-0a1b2c3d-4e5f6a7b.dkr.ecr.eu-west-1.vpce.amazonaws.com"),
                row("parameter", "platform.ecr.tagMutability=SOMETIMES", () -> RepositorySettings.of(true, "SOMETIMES", List.of(), null, null, null, false),
                        "platform.ecr.tagMutability is 'SOMETIMES': use IMMUTABLE_WITH_EXCLUSION, MUTABLE, IMMUTABLE (version tags immutable, "
                                + "floating tags movable)"),
                row("parameter", "platform.ecr.repositoryTags=team", () -> RepositorySettings.of(true, null, List.of(), null, null, "team", false),
                        "platform.ecr.repositoryTags has 'team': write key=value pairs separated by commas, e.g. team=platform,cost-center=42"),
                row("parameter", "platform.lifecycle.keepVersions=0", () -> LifecyclePolicy.forPlatformImage("1.35", List.of("latest"), 0, 7, 30),
                        "platform.lifecycle.keepVersions is 0: a lifecycle rule needs a count of at least 1 versions (ECR rejects 0, and 0 "
                                + "would expire what the rule is meant to keep)"),
                row("parameter", "platform.scan.failOn=SEVERE", () -> ScanPolicy.parse("SEVERE", 0),
                        "platform.scan.failOn is 'SEVERE': use CRITICAL, HIGH, MEDIUM, LOW or INFORMATIONAL (the lowest severity that blocks a release)"),
                row("parameter", "platform.aws.roleArn=platform-role", () -> EcrOptions.of(null, "platform-role", null, 5),
                        "platform.aws.roleArn is 'platform-role': give the role's ARN, arn:aws:iam::123456789012:role/NAME"),
                row("parameter", "platform.ecr.endpoint=http://ecr.example.com", () -> EcrOptions.of(null, null, "http://ecr.example.com", 5),
                        "platform.ecr.endpoint is 'http://ecr.example.com': plain http is only allowed on localhost and 127.0.0.0/8; AWS "
                                + "endpoints are reached over verified TLS"),
                row("parameter", "platform.aws.maxAttempts=0", () -> EcrOptions.of(null, null, null, 0),
                        "platform.aws.maxAttempts is 0: use 1 to 20 (attempts per ECR call, including the first)"),
                // Dockerfiles
                row("Dockerfile", "no FROM", () -> new DockerfileParser().parse("RUN echo hi\n", Map.of()), "has no FROM instruction"),
                row("Dockerfile", "FROM with an ARG that has no value", () -> new DockerfileParser().parse("ARG BASE\nFROM ${BASE}\n", Map.of()),
                        "line 2: ARG BASE has no default; give it a value in <buildArgs>"),
                row("Dockerfile", "COPY --from=${TOOLS}", () -> new DockerfileParser().parse("ARG TOOLS=x\nFROM debian\nCOPY --from=${TOOLS} /a /b\n", Map.of()),
                        "line 3: variable expansion is not supported for --from (--from=${TOOLS}), define a new stage with FROM using "
                                + "ARG from global scope as a workaround"),
                row("Dockerfile", "FROM --platform=$BUILDPLATFORM", () -> new DockerfileParser().parse("FROM --platform=$BUILDPLATFORM golang\n", Map.of()),
                        "line 1: $BUILDPLATFORM is set automatically by BuildKit, but the classic builder that the plugin drives does not "
                                + "set it: declare ARG BUILDPLATFORM=<value> before the first FROM, or give it in <buildArgs>"),
                row("Dockerfile", "FROM x AS 1st", () -> new DockerfileParser().parse("FROM node:20 AS 1st\n", Map.of()),
                        "line 1: invalid name for build stage: \"1st\", name can't start with a number or contain symbols"),
                row("Dockerfile", "missing file", () -> new ImageDefinition(noDockerfile.resolve("Dockerfile"), noDockerfile, Set.of(), Map.of()),
                        () -> "dockerfile " + noDockerfile.resolve("Dockerfile") + " does not exist: put a Dockerfile in the module folder or "
                                + "point <dockerfile> (property platform.dockerfile) at one"),
                row("Dockerfile", "RUN --mount (BuildKit only)", () -> new ImageDefinition(buildKit.resolve("Dockerfile"), buildKit,
                                Set.of(), Map.of()).parse(),
                        () -> "Dockerfile " + buildKit.resolve("Dockerfile") + " uses what only BuildKit builds (line 2: RUN --mount): "
                                + "the plugin builds with the Docker Engine API's classic builder, which refuses it. Write those "
                                + "lines without it: a RUN without --mount (a cache mount only speeds builds; a secret mount: a "
                                + "build arg is no place for a secret, fetch it in a multi-stage build), a plain COPY or ADD "
                                + "instead of --link/--parents/--exclude/--checksum, a RUN with && or a COPY of a script instead "
                                + "of a heredoc (the manual: Engines)"),
                // Registry answers
                row("registry answer", "malformed JSON tag list", () -> client().tags(host, "bad/json"),
                        () -> "registry " + host + " answered with malformed JSON for " + host + "/bad/json"),
                row("registry answer", "Docker-Content-Digest not the body's", () -> client().manifest(ImageReference.of(host, "bad/digest", "1")),
                        () -> "registry " + host + " sent a manifest for " + host + "/bad/digest:1 with Docker-Content-Digest " + DIGEST
                                + " but its bytes hash to " + HttpRegistryClient.sha256(MANIFEST.getBytes()) + ": rejected"),
                row("registry answer", "an HTML page instead of a manifest", () -> client().manifest(ImageReference.of(host, "bad/portal", "1")),
                        () -> "registry " + host + " answered the manifest of " + host + "/bad/portal:1 with Content-Type text/html, which is "
                                + "not an image manifest or index (expected one of application/vnd.oci.image.index.v1+json, "
                                + "application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json, "
                                + "application/vnd.docker.distribution.manifest.v2+json): check that " + host + " is the registry itself, "
                                + "not a proxy or login page"),
                row("registry answer", "a schema 1 manifest", () -> client().manifest(ImageReference.of(host, "bad/schema1", "1")),
                        () -> "registry " + host + " answered the manifest of " + host + "/bad/schema1:1 with Content-Type "
                                + "application/vnd.docker.distribution.manifest.v1+prettyjws, which is not an image manifest or index (expected "
                                + "one of application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, "
                                + "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json): check that "
                                + host + " is the registry itself, not a proxy or login page"),
                row("registry answer", "a blob whose bytes are not its digest", () -> client().blob(ImageReference.of(host, "bad/blob", null), DIGEST),
                        () -> "registry " + host + " sent blob " + DIGEST + " of " + host + "/bad/blob whose bytes hash to "
                                + HttpRegistryClient.sha256("not the blob".getBytes()) + ": rejected"),
                row("registry answer", "401 and no credentials", () -> client().tags(host, "bad/private"),
                        () -> "registry " + host + " requires credentials for " + host + "/bad/private, and none were found "
                                + "(looked for the <server> with id '" + host + "' in settings.xml)"),
                // Webhook answers
                row("webhook answer", "404 (a deleted Workflows flow)", () -> delivery("/hooks/gone"),
                        "HTTP 404: Not Found (not retried: the receiver refused the message)"),
                row("webhook answer", "400 with the receiver's reason", () -> delivery("/hooks/bad-card"),
                        "HTTP 400: {\"error\":{\"code\":\"TriggerInputSchemaMismatch\"}} (not retried: the receiver refused the message)"),
                // Environment
                row("environment", "urlEnv names an unset variable", () -> NotificationChannel.resolve(List.of(new ChannelSpec("teams", null, null,
                        "TEAMS_URL_NOBODY_SET", null, null)), NotifyOn.RELEASE, Map.of()),
                        "notifications[0] (teams): environment variable TEAMS_URL_NOBODY_SET (<urlEnv>) is not set or empty"),
                row("environment", "<url>${env.SLACK_WEBHOOK_URL}</url> unresolved", () -> NotificationChannel.resolve(List.of(new ChannelSpec("slack",
                        null, "${env.SLACK_WEBHOOK_URL}", null, null, null)), NotifyOn.RELEASE, Map.of()),
                        "notifications[0] (slack): <url> is ${env.SLACK_WEBHOOK_URL}, which Maven could not resolve: environment "
                                + "variable SLACK_WEBHOOK_URL is not set")
        );
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("catalogue")
    void eachBadInputFailsWithItsMessage(String area, String input, Runnable call, Supplier<String> expected) {
        try {
            call.run();
        } catch (RuntimeException e) {
            assertEquals(expected.get(), e.getMessage(), area + ": " + input);
            assertFalse(e.getMessage().contains("Exception"), "a message for people, not a stack: " + e.getMessage());
            return;
        }
        fail(area + ": " + input + " was accepted");
    }
}
