package dev.platformimages.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The one fake ECR of the tests, for unit tests and ITs alike: WireMock answering the ECR JSON 1.1 API (the
 * operation in X-Amz-Target, application/x-amz-json-1.1 bodies, errors as {"__type": ..., "message": ...}) with the
 * real response and error shapes, over an {@link ImageStore} that holds the manifests as ECR's storage would: in
 * memory for unit tests, the real local registry for ITs (which push and pull its bytes through
 * platform.ecr.registryEndpoint). ListImages pages through the tags (two per page, so that paging is exercised),
 * BatchGetImage reads and PutImage writes manifests; ECR's way of deleting one tag of an image with several is kept
 * as a set of removed tags.
 * <p>
 * Where ECR differs from what a client might assume, it answers as ECR does: GetAuthorizationToken names the
 * caller's own registry (another account, {@link #CALLER_ACCOUNT}) as proxyEndpoint when no registryIds are given;
 * more than 5 tag mutability exclusion filters are a ValidationException; an index cannot be scanned
 * (UnsupportedImageTypeException); under enhanced scanning a scan is ACTIVE before it has completed, and its
 * findings come as enhancedFindings, two per page, without findingSeverityCounts.
 * <p>
 * A test scripts an answer of its own with {@code server.stubFor(call(operation)...)}: such stubs win over the
 * fake, which answers everything else. Every request stays in WireMock's journal, for the tests to check bodies.
 */
public final class FakeEcr implements ResponseDefinitionTransformerV2, AutoCloseable {

    public static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    public static final String ACCOUNT = "123456789012";
    public static final String HOST = ACCOUNT + ".dkr.ecr.eu-west-1.amazonaws.com";
    public static final String TOKEN_PASSWORD = "ecr-token-5ecret";
    /** The account of the AWS credentials the tests use: not the target registry's. */
    public static final String CALLER_ACCOUNT = "111122223333";
    /** An AWS secret key of the documentation's examples, for the SDK's default chain; not a secret. */
    public static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String PREFIX = TARGET_PREFIX;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImageStore store;
    private final Map<String, ObjectNode> repositories = new ConcurrentHashMap<>();
    private final Set<String> removedTags = ConcurrentHashMap.newKeySet();
    private final Map<String, String> lifecyclePolicies = new ConcurrentHashMap<>();
    /** What DescribeImageScanFindings answers for any image; a clean completed scan unless a test sets findings. */
    /** What DescribeImageScanFindings answers for one image digest, where a test says (else {@link #scanFindings}). */
    public final java.util.Map<String, String> scanFindingsByDigest = new java.util.concurrent.ConcurrentHashMap<>();
    public volatile String scanFindings = "{\"imageScanStatus\":{\"status\":\"COMPLETE\"},\"imageScanFindings\":{\"findingSeverityCounts\":{}}}";
    /** The registry's scan type; ENHANCED answers with {@link #enhancedFindings} instead of {@link #scanFindings}. */
    public volatile String scanType = "BASIC";
    /** Amazon Inspector's findings for any image (JSON objects), under enhanced scanning. */
    public volatile List<String> enhancedFindings = List.of();
    /** Images asked for under enhanced scanning once: the first answer is ACTIVE without a completed scan. */
    private final Set<String> monitored = ConcurrentHashMap.newKeySet();
    public final WireMockServer server;

    /** A fake whose images live in memory. */
    public FakeEcr() {
        this(ImageStore.inMemory());
    }

    public FakeEcr(ImageStore store) {
        this.store = store;
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(this));
        server.start();
        // The fake answers what no test scripted: stubs of a test (default priority 5) win over this one.
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(500).withTransformers(getName())));
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A request of one operation, for a test to script its answer. */
    public static MappingBuilder call(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation));
    }

    public static ResponseDefinitionBuilder ok(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "req-ok").withBody(json);
    }

    public static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "req-" + type).withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    /** Scripts GetAuthorizationToken: AWS:{password}, naming {@code proxyEndpoint}, valid 12 hours. */
    public void authorizes(String proxyEndpoint, String password) {
        authorizes(proxyEndpoint, password, 12 * 3600);
    }

    /** As {@link #authorizes(String, String)}, the token expiring in {@code seconds}. */
    public void authorizes(String proxyEndpoint, String password, long seconds) {
        String token = Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
        long expires = System.currentTimeMillis() / 1000 + seconds;
        server.stubFor(call("GetAuthorizationToken").willReturn(ok("{\"authorizationData\":[{\"authorizationToken\":\""
                + token + "\",\"expiresAt\":" + expires + ",\"proxyEndpoint\":\"" + proxyEndpoint + "\"}]}")));
    }

    /** The requests of one operation as WireMock logged them. */
    public List<LoggedRequest> requests(String operation) {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation)));
    }

    /** The request bodies of one operation. */
    public List<JsonNode> bodies(String operation) {
        List<JsonNode> bodies = new ArrayList<>();
        for (LoggedRequest r : requests(operation)) {
            bodies.add(read(r.getBodyAsString()));
        }
        return bodies;
    }

    /** The tags ECR would list: the store's, less the ones removed by tag. */
    public List<String> tags(String repository) {
        List<String> tags = new ArrayList<>(store.tags(repository));
        tags.removeIf(t -> removedTags.contains(repository + ":" + t));
        // The referrers lists of the tag schema: the Docker API here is a distribution registry, which (unlike ECR's)
        // has no referrers API, so the inventories kept with the images are listed under sha256-<hex> tags.
        tags.removeIf(dev.platformimages.registry.Referrers::isKeptWithImage);
        return tags;
    }

    /** AWS credentials for the SDK's default chain (Java system properties): example values, not a secret. */
    public static void useTestCredentials() {
        System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }

    public static void clearTestCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    /** A session for {@link #HOST} against this fake, with {@code maxAttempts}; credentials from system properties. */
    EcrSession session(int maxAttempts) {
        return session(maxAttempts, null);
    }

    /** As {@link #session(int)}, with image bytes going to {@code registryEndpoint} (platform.ecr.registryEndpoint). */
    EcrSession session(int maxAttempts, String registryEndpoint) {
        return EcrSession.open(EcrRegistryHost.parse(HOST).orElseThrow(),
                EcrOptions.of(null, null, endpoint(), maxAttempts, registryEndpoint));
    }

    @Override
    public String getName() {
        return "fake-ecr";
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        String target = request.getHeader("X-Amz-Target");
        if (target == null || !target.startsWith(PREFIX)) {
            return refusal(400, "UnknownOperationException", "no X-Amz-Target");
        }
        JsonNode body = read(request.getBodyAsString());
        String repository = body.path("repositoryName").asText();
        try {
            switch (target.substring(PREFIX.length())) {
                case "GetAuthorizationToken":
                    return answer(JSON.createObjectNode().set("authorizationData", JSON.createArrayNode().add(JSON.createObjectNode()
                            .put("authorizationToken", Base64.getEncoder().encodeToString(("AWS:" + TOKEN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                            .put("expiresAt", System.currentTimeMillis() / 1000 + 43200)
                            .put("proxyEndpoint", "https://" + (body.path("registryIds").size() > 0
                                    ? body.path("registryIds").get(0).asText() : CALLER_ACCOUNT) + ".dkr.ecr.eu-west-1.amazonaws.com"))));
                case "DescribeRepositories": {
                    String name = body.path("repositoryNames").path(0).asText();
                    if (!repositories.containsKey(name)) {
                        return notFound(name);
                    }
                    return answer(JSON.createObjectNode().set("repositories", JSON.createArrayNode().add(repositories.get(name))));
                }
                case "CreateRepository": {
                    if (body.path("imageTagMutabilityExclusionFilters").size() > 5) {
                        return tooManyFilters(body);
                    }
                    ObjectNode created = body.deepCopy();
                    created.put("repositoryArn", "arn:aws:ecr:eu-west-1:" + ACCOUNT + ":repository/" + repository)
                            .put("registryId", ACCOUNT).put("repositoryUri", HOST + "/" + repository);
                    created.remove("tags");
                    repositories.put(repository, created);
                    return answer(JSON.createObjectNode().set("repository", created));
                }
                case "ListImages":
                    return repositories.containsKey(repository) ? listImages(repository, body) : notFound(repository);
                case "BatchGetImage":
                    return batchGetImage(repository, body);
                case "PutImage":
                    return putImage(repository, body);
                case "BatchDeleteImage":
                    return batchDeleteImage(repository, body);
                case "PutImageTagMutability": {
                    if (body.path("imageTagMutabilityExclusionFilters").size() > 5) {
                        return tooManyFilters(body);
                    }
                    ObjectNode repo = repositories.get(repository);
                    if (repo == null) {
                        return notFound(repository);
                    }
                    repo.put("imageTagMutability", body.path("imageTagMutability").asText());
                    repo.set("imageTagMutabilityExclusionFilters", body.path("imageTagMutabilityExclusionFilters"));
                    return answer(body);
                }
                case "GetRegistryScanningConfiguration":
                    return answer(read("{\"registryId\":\"" + ACCOUNT + "\",\"scanningConfiguration\":{\"scanType\":\"" + scanType
                            + "\",\"rules\":[{\"scanFrequency\":\"" + (scanType.equals("ENHANCED") ? "CONTINUOUS_SCAN" : "SCAN_ON_PUSH")
                            + "\",\"repositoryFilters\":[{\"filter\":\"*\",\"filterType\":\"WILDCARD\"}]}]}}"));
                case "DescribeImageScanFindings":
                    return describeImageScanFindings(repository, body);
                case "StartImageScan": {
                    String digest = body.path("imageId").path("imageDigest").asText();
                    if (isIndex(repository, digest)) {
                        return unscannable(digest);
                    }
                    return scanType.equals("ENHANCED") ? refusal(400, "ValidationException", "Manual scans are not supported "
                            + "when enhanced scanning is enabled on the registry")
                            : answer(JSON.createObjectNode().put("repositoryName", repository));
                }
                case "GetLifecyclePolicy":
                    return lifecyclePolicies.containsKey(repository)
                            ? answer(JSON.createObjectNode().put("lifecyclePolicyText", lifecyclePolicies.get(repository)))
                            : refusal(400, "LifecyclePolicyNotFoundException", "Lifecycle policy does not exist for the repository");
                case "PutLifecyclePolicy":
                    lifecyclePolicies.put(repository, body.path("lifecyclePolicyText").asText());
                    return answer(JSON.createObjectNode().put("repositoryName", repository).put("lifecyclePolicyText", lifecyclePolicies.get(repository)));
                case "StartLifecyclePolicyPreview":
                    return answer(JSON.createObjectNode().put("repositoryName", repository).put("status", "IN_PROGRESS"));
                case "GetLifecyclePolicyPreview":
                    return answer(read("{\"status\":\"COMPLETE\",\"previewResults\":[],\"summary\":{\"expiringImageTotalCount\":0}}"));
                default:
                    return refusal(400, "InvalidParameterException", "the fake does not implement " + target);
            }
        } catch (RuntimeException e) {
            return refusal(500, "ServerException", e.toString());
        }
    }

    /** Scan findings as ECR answers them: none for an index (ECR scans images only), pages under enhanced scanning. */
    private ResponseDefinition describeImageScanFindings(String repository, JsonNode body) {
        String digest = body.path("imageId").path("imageDigest").asText();
        if (isIndex(repository, digest)) {
            return refusal(400, "ScanNotFoundException", "Image scan does not exist for the image with '{imageDigest:'"
                    + digest + "'}' in the repository with name '" + repository + "' in the registry with id '" + ACCOUNT + "'");
        }
        if (!scanType.equals("ENHANCED")) {
            return answer(read(scanFindingsByDigest.getOrDefault(digest, scanFindings)));
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("imageScanStatus").put("status", "ACTIVE").put("description", "Continuous scan is selected for image.");
        if (monitored.add(repository + "@" + digest)) {
            return answer(answer); // monitored, not yet scanned
        }
        int from = body.hasNonNull("nextToken") ? Integer.parseInt(body.get("nextToken").asText()) : 0;
        ObjectNode findings = answer.putObject("imageScanFindings").put("imageScanCompletedAt", System.currentTimeMillis() / 1000);
        ArrayNode page = findings.putArray("enhancedFindings");
        List<String> all = enhancedFindings;
        all.subList(from, Math.min(from + 2, all.size())).forEach(f -> page.add(read(f)));
        if (from + 2 < all.size()) {
            answer.put("nextToken", String.valueOf(from + 2));
        }
        return answer(answer);
    }

    private boolean isIndex(String repository, String digest) {
        String type = store.get(repository, digest).map(ImageStore.Stored::mediaType).orElse("");
        return type.contains("index") || type.contains("manifest.list");
    }

    private static ResponseDefinition unscannable(String digest) {
        return refusal(400, "UnsupportedImageTypeException", "An artifact with media type "
                + "'application/vnd.oci.image.index.v1+json' cannot be scanned");
    }

    private static ResponseDefinition tooManyFilters(JsonNode body) {
        return refusal(400, "ValidationException", "1 validation error detected: Value '" + body.path("imageTagMutabilityExclusionFilters")
                + "' at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: Member must have length less than or equal to 5");
    }

    private ResponseDefinition listImages(String repository, JsonNode body) {
        List<String> tags = tags(repository);
        int from = body.hasNonNull("nextToken") ? Integer.parseInt(body.get("nextToken").asText()) : 0;
        ArrayNode ids = JSON.createArrayNode();
        for (String tag : tags.subList(from, Math.min(from + 2, tags.size()))) {
            ids.add(JSON.createObjectNode().put("imageDigest", store.get(repository, tag).map(ImageStore.Stored::digest).orElse(""))
                    .put("imageTag", tag));
        }
        ObjectNode answer = JSON.createObjectNode().set("imageIds", ids);
        if (from + 2 < tags.size()) {
            answer.put("nextToken", String.valueOf(from + 2));
        }
        return answer(answer);
    }

    private ResponseDefinition batchGetImage(String repository, JsonNode body) {
        ArrayNode images = JSON.createArrayNode();
        ArrayNode failures = JSON.createArrayNode();
        for (JsonNode id : body.path("imageIds")) {
            String reference = id.has("imageDigest") ? id.get("imageDigest").asText() : id.get("imageTag").asText();
            Optional<ImageStore.Stored> manifest = store.get(repository, reference);
            if (manifest.isEmpty() || id.has("imageTag") && removedTags.contains(repository + ":" + reference)) {
                failures.add(JSON.createObjectNode().<ObjectNode>set("imageId", id).put("failureCode", "ImageNotFound")
                        .put("failureReason", "Requested image not found"));
                continue;
            }
            ObjectNode imageId = id.deepCopy();
            imageId.put("imageDigest", manifest.get().digest());
            images.add(JSON.createObjectNode().put("registryId", ACCOUNT).put("repositoryName", repository)
                    .put("imageManifest", manifest.get().manifest())
                    .put("imageManifestMediaType", manifest.get().mediaType())
                    .set("imageId", imageId));
        }
        return answer(JSON.createObjectNode().<ObjectNode>set("images", images).set("failures", failures));
    }

    private ResponseDefinition putImage(String repository, JsonNode body) {
        String manifest = body.path("imageManifest").asText();
        String digest = sha256(manifest);
        String tag = body.hasNonNull("imageTag") ? body.get("imageTag").asText() : null;
        if (tag != null) {
            Optional<ImageStore.Stored> existing = store.get(repository, tag);
            boolean present = existing.isPresent() && !removedTags.contains(repository + ":" + tag);
            String existingDigest = existing.map(ImageStore.Stored::digest).orElse("");
            if (present && existingDigest.equals(digest)) {
                return refusal(400, "ImageAlreadyExistsException", "Image with digest '" + digest + "' and tag '" + tag + "' already exists in the repository with name '" + repository + "'");
            }
            ObjectNode repo = repositories.get(repository);
            if (present && repo != null && isImmutable(repo, tag)) {
                return refusal(400, "ImageTagAlreadyExistsException", "The image tag '" + tag + "' already exists in the '"
                        + repository + "' repository and cannot be overwritten because the repository is immutable.");
            }
        }
        String mediaType = body.path("imageManifestMediaType").asText();
        String refused = store.put(repository, tag != null ? tag : digest, manifest, mediaType);
        if (refused != null) {
            return refusal(400, "LayersNotFoundException", refused);
        }
        if (tag != null) {
            removedTags.remove(repository + ":" + tag);
        }
        ObjectNode imageId = JSON.createObjectNode().put("imageDigest", digest);
        if (tag != null) {
            imageId.put("imageTag", tag);
        }
        return answer(JSON.createObjectNode().set("image", JSON.createObjectNode().put("registryId", ACCOUNT)
                .put("repositoryName", repository).put("imageManifest", manifest).put("imageManifestMediaType", mediaType)
                .set("imageId", imageId)));
    }

    private static boolean isImmutable(ObjectNode repository, String tag) {
        String mutability = repository.path("imageTagMutability").asText("MUTABLE");
        if (mutability.equals("MUTABLE")) {
            return false;
        }
        if (mutability.equals("IMMUTABLE_WITH_EXCLUSION")) {
            for (JsonNode filter : repository.path("imageTagMutabilityExclusionFilters")) {
                if (tag.matches(filter.path("filter").asText().replace(".", "\\.").replace("*", ".*"))) {
                    return false;
                }
            }
        }
        return true;
    }

    private ResponseDefinition batchDeleteImage(String repository, JsonNode body) {
        ArrayNode deleted = JSON.createArrayNode();
        for (JsonNode id : body.path("imageIds")) {
            if (id.has("imageTag")) {
                String tag = id.get("imageTag").asText();
                String digest = store.get(repository, tag).map(ImageStore.Stored::digest).orElse(null);
                if (digest == null) {
                    continue;
                }
                removedTags.add(repository + ":" + tag);
                boolean lastTag = tags(repository).stream().noneMatch(t -> digest.equals(store.get(repository, t).map(ImageStore.Stored::digest).orElse(null)));
                if (lastTag) {
                    store.delete(repository, digest); // ECR deletes an image that loses its last tag
                }
                deleted.add(id);
            } else {
                store.delete(repository, id.get("imageDigest").asText());
                deleted.add(id);
            }
        }
        return answer(JSON.createObjectNode().<ObjectNode>set("imageIds", deleted).set("failures", JSON.createArrayNode()));
    }

    private static ResponseDefinition notFound(String repository) {
        return refusal(400, "RepositoryNotFoundException", "The repository with name '" + repository
                + "' does not exist in the registry with id '" + ACCOUNT + "'");
    }

    private static ResponseDefinition answer(JsonNode body) {
        return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withHeader("x-amzn-RequestId", java.util.UUID.randomUUID().toString())
                .withBody(body.toString()).build();
    }

    private static ResponseDefinition refusal(int status, String type, String message) {
        return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(status)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withHeader("x-amzn-RequestId", java.util.UUID.randomUUID().toString())
                .withBody(JSON.createObjectNode().put("__type", type).put("message", message).toString()).build();
    }

    private static JsonNode read(String text) {
        try {
            return text == null || text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the fake keeps manifests: in memory (unit tests) or a real registry (ITs). */
    public interface ImageStore {

        /** A manifest as stored: its text, media type and digest. */
        record Stored(String manifest, String mediaType, String digest) {
        }

        /** The manifest a tag or digest names. */
        Optional<Stored> get(String repository, String reference);

        /** Stores a manifest under a tag or its digest; returns why it was refused, or null. */
        String put(String repository, String reference, String manifest, String mediaType);

        /** Deletes the manifest of {@code digest} and every tag on it. */
        void delete(String repository, String digest);

        List<String> tags(String repository);

        static ImageStore inMemory() {
            return new InMemoryStore();
        }
    }

    private static final class InMemoryStore implements ImageStore {
        private final Map<String, Stored> manifests = new ConcurrentHashMap<>();   // repository@digest
        private final Map<String, String> tagged = new ConcurrentHashMap<>();      // repository:tag -> digest

        @Override
        public Optional<Stored> get(String repository, String reference) {
            String digest = reference.startsWith("sha256:") ? reference : tagged.get(repository + ":" + reference);
            return Optional.ofNullable(digest == null ? null : manifests.get(repository + "@" + digest));
        }

        @Override
        public String put(String repository, String reference, String manifest, String mediaType) {
            String digest = sha256(manifest);
            manifests.put(repository + "@" + digest, new Stored(manifest, mediaType, digest));
            if (!reference.startsWith("sha256:")) {
                tagged.put(repository + ":" + reference, digest);
            }
            return null;
        }

        @Override
        public void delete(String repository, String digest) {
            manifests.remove(repository + "@" + digest);
            tagged.entrySet().removeIf(e -> e.getKey().startsWith(repository + ":") && e.getValue().equals(digest));
        }

        @Override
        public List<String> tags(String repository) {
            return tagged.keySet().stream().filter(k -> k.startsWith(repository + ":"))
                    .map(k -> k.substring(repository.length() + 1)).sorted().toList();
        }
    }
}
