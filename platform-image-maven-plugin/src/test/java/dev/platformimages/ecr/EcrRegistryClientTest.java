package dev.platformimages.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.HttpRegistryClient;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.MediaTypes;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.registry.TagImmutableException;
import dev.platformimages.step.RecordingLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.platformimages.ecr.FakeEcr.call;
import static dev.platformimages.ecr.FakeEcr.error;
import static dev.platformimages.ecr.FakeEcr.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ECR registry client against the ECR API's real request and response shapes (WireMock). */
class EcrRegistryClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where image bytes would go (platform.ecr.registryEndpoint). Nothing listens; these tests use the ECR API only. */
    private static final String ADDRESS = "127.0.0.1:9";
    /** What GetAuthorizationToken answers as proxyEndpoint without registryIds: the caller's own registry, account A. */
    private static final String CALLERS_OWN_REGISTRY = "https://111122223333.dkr.ecr.eu-west-1.amazonaws.com";
    private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
            + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:"
            + "a".repeat(64) + "\",\"size\":2},\"layers\":[]}";
    private static final String DIGEST = HttpRegistryClient.sha256(MANIFEST.getBytes(StandardCharsets.UTF_8));

    private FakeEcr ecr;
    private final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void credentials() {
        FakeEcr.useTestCredentials();
    }

    @AfterAll
    static void noCredentials() {
        FakeEcr.clearTestCredentials();
    }

    @BeforeEach
    void start() {
        ecr = new FakeEcr();
        ecr.authorizes(CALLERS_OWN_REGISTRY, "token-password");
    }

    @AfterEach
    void stop() {
        ecr.close();
    }

    private EcrRegistryClient client(RepositorySettings settings) {
        EcrSession session = ecr.session(3, ADDRESS);
        return new EcrRegistryClient(session, new EcrRepositories(session, settings, log),
                new HttpRegistryClient(Duration.ofSeconds(2), host -> Optional.empty()));
    }

    private EcrRegistryClient client() {
        return client(RepositorySettings.of(true, null, List.of("latest", "1.35"), null, null, null, false));
    }

    private static JsonNode body(com.github.tomakehurst.wiremock.verification.LoggedRequest request) throws Exception {
        return JSON.readTree(request.getBodyAsString());
    }

    @Test
    void imageBytesGoToTheConfiguredRegistryNotToTheCallersOwnFromTheToken() {
        // Credentials of account A, target registry of account B (123456789012) without a role to assume.
        EcrSession session = ecr.session(3);
        assertEquals(FakeEcr.HOST, session.registryAddress());
        assertEquals(FakeEcr.HOST, session.authorization().registryAddress(), "not the token's proxyEndpoint");
        EcrRegistryClient client = new EcrRegistryClient(session, new EcrRepositories(session,
                RepositorySettings.of(true, null, List.of("latest"), null, null, null, false), log),
                new HttpRegistryClient(Duration.ofSeconds(2), host -> Optional.empty()));
        ecr.server.stubFor(call("ListImages").willReturn(ok("{\"imageIds\":[{\"imageDigest\":\"sha256:1\",\"imageTag\":\"latest\"}]}")));
        assertEquals(List.of("latest"), client.tags(FakeEcr.HOST, "platform/busybox"), "the configured host is ECR's");
        assertEquals(1, ecr.requests("ListImages").size());
    }

    @Test
    void theTokenGivesTheCredentialsForImageBytesAndIsFetchedOnceWhileValid() {
        EcrSession session = ecr.session(3, ADDRESS);
        EcrSession.Authorization first = session.authorization();
        assertEquals(ADDRESS, first.registryAddress());
        assertEquals("AWS", first.credentials().username());
        assertEquals("token-password", first.credentials().password());
        session.authorization();
        assertEquals(1, ecr.requests("GetAuthorizationToken").size(), "a valid token is reused");
        assertFalse(first.credentials().toString().contains("token-password"));
    }

    @Test
    void aTokenNearItsExpiryIsFetchedAgainAndItsCredentialsSayWhenTheyExpire() {
        ecr.authorizes(CALLERS_OWN_REGISTRY, "short-lived", 600);
        EcrSession session = ecr.session(3, "127.0.0.1:10");
        EcrSession.Authorization first = session.authorization();
        assertTrue(first.credentials().expiresWithin(Duration.ofMinutes(15)), "its holders know to ask again");
        session.authorization();
        assertEquals(2, ecr.requests("GetAuthorizationToken").size(), "a token within 15 minutes of expiry is replaced");
    }

    @Test
    void sixFloatingTagsGetAtMostFiveExclusionFiltersNoneMatchingAVersionTag() throws Exception {
        ecr.server.stubFor(call("DescribeRepositories").willReturn(error(400, "RepositoryNotFoundException", "no such repository")));
        ecr.server.stubFor(call("CreateRepository").willReturn(ok("{\"repository\":{\"repositoryName\":\"platform/six\"}}")));
        client(RepositorySettings.of(true, null, List.of("latest", "1.35", "team-a", "team-b", "team-c", "lts"), null, null, null,
                false, "1.35")).prepareRepository(ADDRESS, "platform/six");
        assertEquals("[{\"filterType\":\"WILDCARD\",\"filter\":\"latest\"},{\"filterType\":\"WILDCARD\",\"filter\":\"1.35\"},"
                        + "{\"filterType\":\"WILDCARD\",\"filter\":\"team-*\"},{\"filterType\":\"WILDCARD\",\"filter\":\"lts\"}]",
                body(ecr.requests("CreateRepository").get(0)).get("imageTagMutabilityExclusionFilters").toString());
    }

    @Test
    void floatingTagsNoFiveFiltersCoverFailBeforeAnyChange() {
        ecr.server.stubFor(call("DescribeRepositories").willReturn(error(400, "RepositoryNotFoundException", "no such repository")));
        EcrRegistryClient client = client(RepositorySettings.of(true, null, List.of("latest", "1.35", "a", "b", "c", "d"), null,
                null, null, false, "1.35"));
        dev.platformimages.release.ReleaseFailure e = assertThrows(dev.platformimages.release.ReleaseFailure.class,
                () -> client.prepareRepository(ADDRESS, "platform/many"));
        assertTrue(e.getMessage().startsWith("platform.ecr.tagMutability is IMMUTABLE_WITH_EXCLUSION, but the floating tags "
                + "latest, 1.35, a, b, c, d need 6 ECR tag mutability exclusion filters"), e.getMessage());
        assertEquals(0, ecr.requests("CreateRepository").size());
    }

    @Test
    void withNothingScriptedTheFakeAnswersAsEcrDoes() {
        // Every call below is answered by the fake's own state, as the ITs use it.
        EcrRegistryClient client = client(RepositorySettings.of(true, null, List.of("latest", "1.35"), null, null, null, false, "1.35"));
        client.prepareRepository(ADDRESS, "platform/fake");
        Manifest manifest = new Manifest(MANIFEST.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, DIGEST);
        client.putManifest(ImageReference.of(ADDRESS, "platform/fake", "1.35-1.0.0"), manifest);
        client.putManifest(ImageReference.of(ADDRESS, "platform/fake", "latest"), manifest);
        assertEquals(List.of("1.35-1.0.0", "latest"), client.tags(ADDRESS, "platform/fake"));
        assertEquals(DIGEST, client.manifest(ImageReference.of(ADDRESS, "platform/fake", "latest")).orElseThrow().digest());
        // The version tag is immutable under IMMUTABLE_WITH_EXCLUSION; latest is excluded and moves.
        assertThrows(TagImmutableException.class, () -> client.putManifest(ImageReference.of(ADDRESS, "platform/fake",
                "1.35-1.0.0"), new Manifest(MANIFEST.replace("[]", "[ ]").getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST,
                HttpRegistryClient.sha256(MANIFEST.replace("[]", "[ ]").getBytes(StandardCharsets.UTF_8)))));
        client.deleteTag(ImageReference.of(ADDRESS, "platform/fake", "latest"));
        assertEquals(List.of("1.35-1.0.0"), client.tags(ADDRESS, "platform/fake"));
        // ECR's own limit, which the plugin never reaches: 6 filters are refused.
        EcrCallException tooMany = assertThrows(EcrCallException.class, () -> ecr.session(3, ADDRESS).call("CreateRepository",
                () -> ecr.session(3, ADDRESS).client().createRepository(r -> r.repositoryName("platform/six")
                        .imageTagMutability("IMMUTABLE_WITH_EXCLUSION").imageTagMutabilityExclusionFilters(
                                java.util.stream.IntStream.range(0, 6).mapToObj(i -> software.amazon.awssdk.services.ecr.model
                                        .ImageTagMutabilityExclusionFilter.builder().filterType("WILDCARD").filter("t" + i).build()).toList()))));
        assertEquals("ValidationException", tooMany.errorCode());
    }

    @Test
    void tagsComeFromEveryPageOfListImagesTaggedOnly() throws Exception {
        ecr.server.stubFor(call("ListImages").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("nextToken"))
                .willReturn(ok("{\"imageIds\":[{\"imageDigest\":\"sha256:1\",\"imageTag\":\"1.35-1.0.0\"},"
                        + "{\"imageDigest\":\"sha256:1\",\"imageTag\":\"latest\"}],\"nextToken\":\"page-2\"}")));
        ecr.server.stubFor(call("ListImages").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("page-2"))
                .willReturn(ok("{\"imageIds\":[{\"imageDigest\":\"sha256:2\",\"imageTag\":\"1.35-1.1.0\"}]}")));

        assertEquals(List.of("1.35-1.0.0", "1.35-1.1.0", "latest"), client().tags(ADDRESS, "platform/busybox"));

        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> pages = ecr.requests("ListImages");
        assertEquals(2, pages.size());
        JsonNode first = body(pages.get(0));
        assertEquals("platform/busybox", first.get("repositoryName").asText());
        assertEquals(FakeEcr.ACCOUNT, first.get("registryId").asText());
        assertEquals("TAGGED", first.get("filter").get("tagStatus").asText());
        assertEquals("ANY", first.get("filter").get("imageStatus").asText(), "archived images keep their version tags taken");
        assertEquals("page-2", body(pages.get(1)).get("nextToken").asText());
    }

    @Test
    void aMissingRepositoryHasNoTags() {
        ecr.server.stubFor(call("ListImages").willReturn(error(400, "RepositoryNotFoundException", "The repository does not exist")));
        assertEquals(List.of(), client().tags(ADDRESS, "platform/new"));
    }

    @Test
    void throttlingIsRetriedWithinTheBudget() {
        ecr.server.stubFor(call("ListImages").inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(400, "ThrottlingException", "Rate exceeded")).willSetStateTo("calm"));
        ecr.server.stubFor(call("ListImages").inScenario("throttle").whenScenarioStateIs("calm")
                .willReturn(ok("{\"imageIds\":[{\"imageDigest\":\"sha256:1\",\"imageTag\":\"latest\"}]}")));

        assertEquals(List.of("latest"), client().tags(ADDRESS, "platform/busybox"));
        assertEquals(2, ecr.requests("ListImages").size());
    }

    @Test
    void throttlingBeyondTheBudgetFailsWithTheErrorCodeAndRequestId() {
        ecr.server.stubFor(call("ListImages").willReturn(error(400, "ThrottlingException", "Rate exceeded")));
        RegistryException e = assertThrows(RegistryException.class, () -> client().tags(ADDRESS, "platform/busybox"));
        assertEquals("ECR ListImages failed: ThrottlingException: Rate exceeded (HTTP 400, request id req-ThrottlingException)",
                e.getMessage());
        assertEquals(3, ecr.requests("ListImages").size(), "platform.aws.maxAttempts=3");
        assertFalse(e.getMessage().contains(FakeEcr.SECRET_KEY));
    }

    @Test
    void manifestsComeFromBatchGetImageWithEveryMediaTypeAcceptedAndTheirDigestChecked() throws Exception {
        ecr.server.stubFor(call("BatchGetImage").willReturn(ok(JSON.createObjectNode().set("images", JSON.createArrayNode()
                .add(JSON.createObjectNode().put("imageManifest", MANIFEST).put("imageManifestMediaType", MediaTypes.OCI_MANIFEST)
                        .set("imageId", JSON.createObjectNode().put("imageDigest", DIGEST).put("imageTag", "latest")))).toString())));

        Manifest manifest = client().manifest(ImageReference.of(ADDRESS, "platform/busybox", "latest")).orElseThrow();
        assertEquals(DIGEST, manifest.digest());
        assertEquals(MediaTypes.OCI_MANIFEST, manifest.mediaType());

        JsonNode request = body(ecr.requests("BatchGetImage").get(0));
        assertEquals("latest", request.get("imageIds").get(0).get("imageTag").asText());
        assertEquals(MediaTypes.ALL, JSON.convertValue(request.get("acceptedMediaTypes"), List.class));
    }

    @Test
    void aManifestWhoseBytesDoNotMatchItsDigestIsRejected() {
        ecr.server.stubFor(call("BatchGetImage").willReturn(ok(JSON.createObjectNode().set("images", JSON.createArrayNode()
                .add(JSON.createObjectNode().put("imageManifest", MANIFEST + " ")
                        .set("imageId", JSON.createObjectNode().put("imageDigest", DIGEST)))).toString())));
        RegistryException e = assertThrows(RegistryException.class,
                () -> client().manifest(ImageReference.of(ADDRESS, "platform/busybox", "latest")));
        assertTrue(e.getMessage().contains("returned a manifest whose bytes hash to sha256:"), e.getMessage());
        assertTrue(e.getMessage().endsWith("not " + DIGEST + ": rejected"), e.getMessage());
    }

    @Test
    void anUnknownImageIsAbsent() {
        ecr.server.stubFor(call("BatchGetImage").willReturn(ok("{\"images\":[],\"failures\":[{\"imageId\":{\"imageTag\":\"x\"},"
                + "\"failureCode\":\"ImageNotFound\",\"failureReason\":\"Requested image not found\"}]}")));
        assertEquals(Optional.empty(), client().manifest(ImageReference.of(ADDRESS, "platform/busybox", "x")));
    }

    @Test
    void aTagMovesByPutImageWithTheManifestAndItsMediaType() throws Exception {
        ecr.server.stubFor(call("PutImage").willReturn(ok("{\"image\":{\"registryId\":\"" + FakeEcr.ACCOUNT
                + "\",\"repositoryName\":\"platform/busybox\",\"imageId\":{\"imageDigest\":\"" + DIGEST + "\",\"imageTag\":\"latest\"}}}")));
        Manifest manifest = new Manifest(MANIFEST.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, DIGEST);

        assertEquals(DIGEST, client().putManifest(ImageReference.of(ADDRESS, "platform/busybox", "latest"), manifest));

        JsonNode request = body(ecr.requests("PutImage").get(0));
        assertEquals(MANIFEST, request.get("imageManifest").asText());
        assertEquals(MediaTypes.OCI_MANIFEST, request.get("imageManifestMediaType").asText());
        assertEquals("latest", request.get("imageTag").asText());
        assertEquals("platform/busybox", request.get("repositoryName").asText());
    }

    @Test
    void thePlatformImageOfAnIndexIsPutByDigestWithoutTheIndexsTag() throws Exception {
        ecr.server.stubFor(call("PutImage").willReturn(ok("{\"image\":{\"registryId\":\"" + FakeEcr.ACCOUNT
                + "\",\"repositoryName\":\"platform/busybox\",\"imageId\":{\"imageDigest\":\"" + DIGEST + "\"}}}")));
        Manifest manifest = new Manifest(MANIFEST.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, DIGEST);

        client().putManifest(ImageReference.of(ADDRESS, "platform/busybox", "1.35-1.0.0").withDigest(DIGEST), manifest);

        JsonNode request = body(ecr.requests("PutImage").get(0));
        assertFalse(request.has("imageTag"), "the version tag is the index's, not a platform image's: " + request);
        assertEquals(DIGEST, request.get("imageDigest").asText());
    }

    @Test
    void aTagAlreadyOnTheManifestIsSuccess() {
        ecr.server.stubFor(call("PutImage").willReturn(error(400, "ImageAlreadyExistsException",
                "Image with digest '" + DIGEST + "' and tag 'latest' already exists")));
        Manifest manifest = new Manifest(MANIFEST.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, DIGEST);
        assertEquals(DIGEST, client().putManifest(ImageReference.of(ADDRESS, "platform/busybox", "latest"), manifest));
    }

    @Test
    void anImmutableTagThatExistsIsRefusedAsSuch() {
        ecr.server.stubFor(call("PutImage").willReturn(error(400, "ImageTagAlreadyExistsException",
                "The image tag '1.35-1.0.0' already exists in the 'platform/busybox' repository and cannot be overwritten")));
        Manifest manifest = new Manifest(MANIFEST.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, DIGEST);
        TagImmutableException e = assertThrows(TagImmutableException.class,
                () -> client().putManifest(ImageReference.of(ADDRESS, "platform/busybox", "1.35-1.0.0"), manifest));
        assertEquals("1.35-1.0.0", e.target().tag());
        assertTrue(e.getMessage().contains("immutable and 1.35-1.0.0 exists (request id req-ImageTagAlreadyExistsException)"), e.getMessage());
    }

    @Test
    void aDraftTagIsRemovedByTagAndAnImageByDigest() throws Exception {
        ecr.server.stubFor(call("BatchDeleteImage").willReturn(ok("{\"imageIds\":[],\"failures\":[]}")));
        client().deleteTag(ImageReference.of(ADDRESS, "platform/busybox", "draft-1.0.0-abcdef123456"));
        client().deleteManifest(ImageReference.of(ADDRESS, "platform/busybox", null).withDigest(DIGEST));

        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> deletes = ecr.requests("BatchDeleteImage");
        assertEquals("{\"imageTag\":\"draft-1.0.0-abcdef123456\"}", body(deletes.get(0)).get("imageIds").get(0).toString());
        assertEquals("{\"imageDigest\":\"" + DIGEST + "\"}", body(deletes.get(1)).get("imageIds").get(0).toString());
    }

    @Test
    void aRefusedDeleteNamesTheFailure() {
        ecr.server.stubFor(call("BatchDeleteImage").willReturn(ok("{\"imageIds\":[],\"failures\":[{\"imageId\":{\"imageDigest\":\""
                + DIGEST + "\"},\"failureCode\":\"ImageReferencedByManifestList\",\"failureReason\":\"Requested image is referenced by a manifest list\"}]}")));
        RegistryException e = assertThrows(RegistryException.class,
                () -> client().deleteManifest(ImageReference.of(ADDRESS, "platform/busybox", null).withDigest(DIGEST)));
        assertTrue(e.getMessage().endsWith("failed: ImageReferencedByManifestList: Requested image is referenced by a manifest list"),
                e.getMessage());
    }

    @Test
    void aMissingRepositoryIsCreatedOnceWithTheSettings() throws Exception {
        ecr.server.stubFor(call("DescribeRepositories").willReturn(error(400, "RepositoryNotFoundException",
                "The repository with name 'platform/created' does not exist in the registry with id '123456789012'")));
        ecr.server.stubFor(call("CreateRepository").willReturn(ok("{\"repository\":{\"repositoryName\":\"platform/created\"}}")));
        EcrRegistryClient client = client(RepositorySettings.of(true, null, List.of("latest", "1.35"), null,
                "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "team=platform,cost-center=42", false));

        client.prepareRepository(ADDRESS, "platform/created");
        client.prepareRepository(ADDRESS, "platform/created");
        client.prepareRepository("ghcr.io", "platform/created"); // not ECR: nothing to do

        assertEquals(1, ecr.requests("DescribeRepositories").size(), "once per repository and run");
        JsonNode create = body(ecr.requests("CreateRepository").get(0));
        assertEquals("platform/created", create.get("repositoryName").asText());
        assertTrue(create.get("imageScanningConfiguration").get("scanOnPush").asBoolean());
        assertEquals("IMMUTABLE_WITH_EXCLUSION", create.get("imageTagMutability").asText());
        assertEquals("[{\"filterType\":\"WILDCARD\",\"filter\":\"latest\"},{\"filterType\":\"WILDCARD\",\"filter\":\"1.35\"}]",
                create.get("imageTagMutabilityExclusionFilters").toString());
        assertEquals("KMS", create.get("encryptionConfiguration").get("encryptionType").asText());
        assertEquals("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                create.get("encryptionConfiguration").get("kmsKey").asText());
        assertEquals("[{\"Key\":\"team\",\"Value\":\"platform\"},{\"Key\":\"cost-center\",\"Value\":\"42\"}]",
                create.get("tags").toString());
        assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("INFO Created ECR repository platform/created: scan on push on, "
                + "tags IMMUTABLE_WITH_EXCLUSION (movable: latest, 1.35), encryption KMS")), log.lines::toString);
    }

    private static final String EXISTING = "{\"repositories\":[{\"repositoryName\":\"platform/existing\","
            + "\"repositoryArn\":\"arn:aws:ecr:eu-west-1:123456789012:repository/platform/existing\","
            + "\"imageTagMutability\":\"MUTABLE\",\"imageScanningConfiguration\":{\"scanOnPush\":false},"
            + "\"encryptionConfiguration\":{\"encryptionType\":\"AES256\"}}]}";

    @Test
    void anExistingRepositoryIsLeftAlone() {
        ecr.server.stubFor(call("DescribeRepositories").willReturn(ok(EXISTING)));
        client().prepareRepository(ADDRESS, "platform/existing");
        assertEquals(0, ecr.requests("CreateRepository").size());
        assertEquals(0, ecr.requests("PutImageTagMutability").size());
        assertTrue(log.lines.contains("INFO ECR repository platform/existing exists (scan on push off, tags MUTABLE, "
                + "encryption AES256); left as it is (platform.ecr.manageRepository=true keeps it in line with the settings)"), log.lines::toString);
    }

    @Test
    void aManagedRepositoryIsBroughtInLineWithTheSettings() throws Exception {
        ecr.server.stubFor(call("DescribeRepositories").willReturn(ok(EXISTING.replace("existing", "managed"))));
        ecr.server.stubFor(call("PutImageScanningConfiguration").willReturn(ok("{}")));
        ecr.server.stubFor(call("PutImageTagMutability").willReturn(ok("{}")));
        client(RepositorySettings.of(true, null, List.of("latest", "1.35"), null, null, null, true))
                .prepareRepository(ADDRESS, "platform/managed");

        assertTrue(body(ecr.requests("PutImageScanningConfiguration").get(0)).get("imageScanningConfiguration").get("scanOnPush").asBoolean());
        JsonNode mutability = body(ecr.requests("PutImageTagMutability").get(0));
        assertEquals("IMMUTABLE_WITH_EXCLUSION", mutability.get("imageTagMutability").asText());
        assertEquals(2, mutability.get("imageTagMutabilityExclusionFilters").size());
        assertEquals(0, ecr.requests("CreateRepository").size());
    }
}
