package dev.platformimages.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The ECR control plane for ITs: WireMock answering the ECR JSON 1.1 API (operation in X-Amz-Target) with the
 * real response and error shapes, backed by the real local registry, which holds the image bytes as ECR's
 * storage would (the plugin reaches it through platform.ecr.registryEndpoint): ListImages pages through its tags
 * (two per page, so that paging is exercised), BatchGetImage reads and PutImage writes its manifests. ECR's way
 * of deleting one tag of an image with several (which the Registry API cannot) is kept as a set of removed tags.
 * Where ECR differs from what a client might assume, the fake answers as ECR does: GetAuthorizationToken names
 * the caller's own registry (another account) as proxyEndpoint when no registryIds are given; more than 5 tag
 * mutability exclusion filters are a ValidationException; an index cannot be scanned
 * (UnsupportedImageTypeException); under enhanced scanning a scan is ACTIVE before it has completed, and its
 * findings come as enhancedFindings, two per page, without findingSeverityCounts.
 * Every request stays in WireMock's journal, for the tests to check bodies.
 */
final class FakeEcr implements ResponseDefinitionTransformerV2 {

    static final String ACCOUNT = "123456789012";
    static final String HOST = ACCOUNT + ".dkr.ecr.eu-west-1.amazonaws.com";
    static final String TOKEN_PASSWORD = "ecr-token-5ecret";
    /** The account of the AWS credentials the tests use: not the target registry's. */
    static final String CALLER_ACCOUNT = "111122223333";
    private static final String PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    private static final String ACCEPT = "application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, "
            + "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String registry;
    private final Map<String, ObjectNode> repositories = new ConcurrentHashMap<>();
    private final Set<String> removedTags = ConcurrentHashMap.newKeySet();
    private final Map<String, String> lifecyclePolicies = new ConcurrentHashMap<>();
    /** What DescribeImageScanFindings answers for any image; a clean completed scan unless a test sets findings. */
    volatile String scanFindings = "{\"imageScanStatus\":{\"status\":\"COMPLETE\"},\"imageScanFindings\":{\"findingSeverityCounts\":{}}}";
    /** The registry's scan type; ENHANCED answers with {@link #enhancedFindings} instead of {@link #scanFindings}. */
    volatile String scanType = "BASIC";
    /** Amazon Inspector's findings for any image (JSON objects), under enhanced scanning. */
    volatile List<String> enhancedFindings = List.of();
    /** Images asked for under enhanced scanning once: the first answer is ACTIVE without a completed scan. */
    private final Set<String> monitored = ConcurrentHashMap.newKeySet();
    final WireMockServer server;

    FakeEcr(String registry) {
        this.registry = registry;
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(this));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    void shutdown() {
        server.stop();
    }

    List<JsonNode> requests(String operation) {
        List<JsonNode> bodies = new ArrayList<>();
        for (LoggedRequest r : server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PREFIX + operation)))) {
            bodies.add(read(r.getBodyAsString()));
        }
        return bodies;
    }

    /** The tags ECR would list: the registry's, less the ones removed by tag. */
    List<String> tags(String repository) {
        List<String> tags = new ArrayList<>(LocalRegistry.tags(repository));
        tags.removeIf(t -> removedTags.contains(repository + ":" + t));
        return tags;
    }

    @Override
    public String getName() {
        return "fake-ecr";
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        String target = request.getHeader("X-Amz-Target");
        if (target == null || !target.startsWith(PREFIX)) {
            return error(400, "UnknownOperationException", "no X-Amz-Target");
        }
        JsonNode body = read(request.getBodyAsString());
        String repository = body.path("repositoryName").asText();
        try {
            switch (target.substring(PREFIX.length())) {
                case "GetAuthorizationToken":
                    return ok(JSON.createObjectNode().set("authorizationData", JSON.createArrayNode().add(JSON.createObjectNode()
                            .put("authorizationToken", Base64.getEncoder().encodeToString(("AWS:" + TOKEN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                            .put("expiresAt", System.currentTimeMillis() / 1000 + 43200)
                            .put("proxyEndpoint", "https://" + (body.path("registryIds").size() > 0
                                    ? body.path("registryIds").get(0).asText() : CALLER_ACCOUNT) + ".dkr.ecr.eu-west-1.amazonaws.com"))));
                case "DescribeRepositories": {
                    String name = body.path("repositoryNames").path(0).asText();
                    if (!repositories.containsKey(name)) {
                        return notFound(name);
                    }
                    return ok(JSON.createObjectNode().set("repositories", JSON.createArrayNode().add(repositories.get(name))));
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
                    return ok(JSON.createObjectNode().set("repository", created));
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
                    return ok(body);
                }
                case "GetRegistryScanningConfiguration":
                    return ok(read("{\"registryId\":\"" + ACCOUNT + "\",\"scanningConfiguration\":{\"scanType\":\"" + scanType
                            + "\",\"rules\":[{\"scanFrequency\":\"" + (scanType.equals("ENHANCED") ? "CONTINUOUS_SCAN" : "SCAN_ON_PUSH")
                            + "\",\"repositoryFilters\":[{\"filter\":\"*\",\"filterType\":\"WILDCARD\"}]}]}}"));
                case "DescribeImageScanFindings":
                    return describeImageScanFindings(repository, body);
                case "StartImageScan": {
                    String digest = body.path("imageId").path("imageDigest").asText();
                    if (isIndex(repository, digest)) {
                        return unscannable(digest);
                    }
                    return scanType.equals("ENHANCED") ? error(400, "ValidationException", "Manual scans are not supported "
                            + "when enhanced scanning is enabled on the registry")
                            : ok(JSON.createObjectNode().put("repositoryName", repository));
                }
                case "GetLifecyclePolicy":
                    return lifecyclePolicies.containsKey(repository)
                            ? ok(JSON.createObjectNode().put("lifecyclePolicyText", lifecyclePolicies.get(repository)))
                            : error(400, "LifecyclePolicyNotFoundException", "Lifecycle policy does not exist for the repository");
                case "PutLifecyclePolicy":
                    lifecyclePolicies.put(repository, body.path("lifecyclePolicyText").asText());
                    return ok(JSON.createObjectNode().put("repositoryName", repository).put("lifecyclePolicyText", lifecyclePolicies.get(repository)));
                case "StartLifecyclePolicyPreview":
                    return ok(JSON.createObjectNode().put("repositoryName", repository).put("status", "IN_PROGRESS"));
                case "GetLifecyclePolicyPreview":
                    return ok(read("{\"status\":\"COMPLETE\",\"previewResults\":[],\"summary\":{\"expiringImageTotalCount\":0}}"));
                default:
                    return error(400, "InvalidParameterException", "the fake does not implement " + target);
            }
        } catch (IOException | InterruptedException e) {
            return error(500, "ServerException", e.toString());
        }
    }

    /** Scan findings as ECR answers them: none for an index (ECR scans images only), pages under enhanced scanning. */
    private ResponseDefinition describeImageScanFindings(String repository, JsonNode body) throws IOException, InterruptedException {
        String digest = body.path("imageId").path("imageDigest").asText();
        if (isIndex(repository, digest)) {
            return error(400, "ScanNotFoundException", "Image scan does not exist for the image with '{imageDigest:'"
                    + digest + "'}' in the repository with name '" + repository + "' in the registry with id '" + ACCOUNT + "'");
        }
        if (!scanType.equals("ENHANCED")) {
            return ok(read(scanFindings));
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("imageScanStatus").put("status", "ACTIVE").put("description", "Continuous scan is selected for image.");
        if (monitored.add(repository + "@" + digest)) {
            return ok(answer); // monitored, not yet scanned
        }
        int from = body.hasNonNull("nextToken") ? Integer.parseInt(body.get("nextToken").asText()) : 0;
        ObjectNode findings = answer.putObject("imageScanFindings").put("imageScanCompletedAt", System.currentTimeMillis() / 1000);
        ArrayNode page = findings.putArray("enhancedFindings");
        List<String> all = enhancedFindings;
        all.subList(from, Math.min(from + 2, all.size())).forEach(f -> page.add(read(f)));
        if (from + 2 < all.size()) {
            answer.put("nextToken", String.valueOf(from + 2));
        }
        return ok(answer);
    }

    private boolean isIndex(String repository, String digest) throws IOException, InterruptedException {
        HttpResponse<String> manifest = registry("HEAD", repository, digest, null, null);
        String type = manifest.headers().firstValue("Content-Type").orElse("");
        return type.contains("index") || type.contains("manifest.list");
    }

    private static ResponseDefinition unscannable(String digest) {
        return error(400, "UnsupportedImageTypeException", "An artifact with media type "
                + "'application/vnd.oci.image.index.v1+json' cannot be scanned");
    }

    private static ResponseDefinition tooManyFilters(JsonNode body) {
        return error(400, "ValidationException", "1 validation error detected: Value '" + body.path("imageTagMutabilityExclusionFilters")
                + "' at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: Member must have length less than or equal to 5");
    }

    private ResponseDefinition listImages(String repository, JsonNode body) {
        List<String> tags = tags(repository);
        int from = body.hasNonNull("nextToken") ? Integer.parseInt(body.get("nextToken").asText()) : 0;
        ArrayNode ids = JSON.createArrayNode();
        for (String tag : tags.subList(from, Math.min(from + 2, tags.size()))) {
            ids.add(JSON.createObjectNode().put("imageDigest", LocalRegistry.digest(repository, tag).orElse("")).put("imageTag", tag));
        }
        ObjectNode answer = JSON.createObjectNode().set("imageIds", ids);
        if (from + 2 < tags.size()) {
            answer.put("nextToken", String.valueOf(from + 2));
        }
        return ok(answer);
    }

    private ResponseDefinition batchGetImage(String repository, JsonNode body) throws IOException, InterruptedException {
        ArrayNode images = JSON.createArrayNode();
        ArrayNode failures = JSON.createArrayNode();
        for (JsonNode id : body.path("imageIds")) {
            String reference = id.has("imageDigest") ? id.get("imageDigest").asText() : id.get("imageTag").asText();
            HttpResponse<String> manifest = registry("GET", repository, reference, null, null);
            if (manifest.statusCode() != 200 || id.has("imageTag") && removedTags.contains(repository + ":" + reference)) {
                failures.add(JSON.createObjectNode().<ObjectNode>set("imageId", id).put("failureCode", "ImageNotFound")
                        .put("failureReason", "Requested image not found"));
                continue;
            }
            ObjectNode imageId = id.deepCopy();
            imageId.put("imageDigest", manifest.headers().firstValue("Docker-Content-Digest").orElseThrow());
            images.add(JSON.createObjectNode().put("registryId", ACCOUNT).put("repositoryName", repository)
                    .put("imageManifest", manifest.body())
                    .put("imageManifestMediaType", manifest.headers().firstValue("Content-Type").orElseThrow())
                    .set("imageId", imageId));
        }
        return ok(JSON.createObjectNode().<ObjectNode>set("images", images).set("failures", failures));
    }

    private ResponseDefinition putImage(String repository, JsonNode body) throws IOException, InterruptedException {
        String manifest = body.path("imageManifest").asText();
        String digest = sha256(manifest);
        String tag = body.hasNonNull("imageTag") ? body.get("imageTag").asText() : null;
        if (tag != null) {
            HttpResponse<String> existing = registry("HEAD", repository, tag, null, null);
            boolean present = existing.statusCode() == 200 && !removedTags.contains(repository + ":" + tag);
            String existingDigest = existing.headers().firstValue("Docker-Content-Digest").orElse("");
            if (present && existingDigest.equals(digest)) {
                return error(400, "ImageAlreadyExistsException", "Image with digest '" + digest + "' and tag '" + tag + "' already exists in the repository with name '" + repository + "'");
            }
            ObjectNode repo = repositories.get(repository);
            if (present && repo != null && isImmutable(repo, tag)) {
                return error(400, "ImageTagAlreadyExistsException", "The image tag '" + tag + "' already exists in the '"
                        + repository + "' repository and cannot be overwritten because the repository is immutable.");
            }
        }
        String mediaType = body.path("imageManifestMediaType").asText();
        HttpResponse<String> put = registry("PUT", repository, tag != null ? tag : digest, manifest, mediaType);
        if (put.statusCode() != 201) {
            return error(400, "LayersNotFoundException", "registry answered " + put.statusCode() + ": " + put.body());
        }
        if (tag != null) {
            removedTags.remove(repository + ":" + tag);
        }
        ObjectNode imageId = JSON.createObjectNode().put("imageDigest", digest);
        if (tag != null) {
            imageId.put("imageTag", tag);
        }
        return ok(JSON.createObjectNode().set("image", JSON.createObjectNode().put("registryId", ACCOUNT)
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

    private ResponseDefinition batchDeleteImage(String repository, JsonNode body) throws IOException, InterruptedException {
        ArrayNode deleted = JSON.createArrayNode();
        for (JsonNode id : body.path("imageIds")) {
            if (id.has("imageTag")) {
                String tag = id.get("imageTag").asText();
                String digest = LocalRegistry.digest(repository, tag).orElse(null);
                if (digest == null) {
                    continue;
                }
                removedTags.add(repository + ":" + tag);
                boolean lastTag = tags(repository).stream().noneMatch(t -> digest.equals(LocalRegistry.digest(repository, t).orElse(null)));
                if (lastTag) {
                    registry("DELETE", repository, digest, null, null); // ECR deletes an image that loses its last tag
                }
                deleted.add(id);
            } else {
                registry("DELETE", repository, id.get("imageDigest").asText(), null, null);
                deleted.add(id);
            }
        }
        return ok(JSON.createObjectNode().<ObjectNode>set("imageIds", deleted).set("failures", JSON.createArrayNode()));
    }

    private HttpResponse<String> registry(String method, String repository, String reference, String body, String mediaType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + reference));
        if (body != null) {
            request.header("Content-Type", mediaType).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.header("Accept", ACCEPT).method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ResponseDefinition notFound(String repository) {
        return error(400, "RepositoryNotFoundException", "The repository with name '" + repository
                + "' does not exist in the registry with id '" + ACCOUNT + "'");
    }

    private static ResponseDefinition ok(JsonNode body) {
        return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withHeader("x-amzn-RequestId", java.util.UUID.randomUUID().toString())
                .withBody(body.toString()).build();
    }

    private static ResponseDefinition error(int status, String type, String message) {
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
}
