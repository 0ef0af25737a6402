package dev.platformimages.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Reads the test registry directly over its HTTP API, independently of the plugin's own client. */
final class LocalRegistry {

    private static final String ACCEPT = "application/vnd.oci.image.index.v1+json, "
            + "application/vnd.docker.distribution.manifest.list.v2+json, "
            + "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LocalRegistry() {
    }

    /**
     * The tags of a repository but those kept with its images: the referrers lists ({@code sha256-<hex>}) of the
     * distribution spec's tag schema and cosign's legacy {@code sha256-<hex>.sig} and {@code .att}.
     */
    static List<String> tags(String repository) {
        return allTags(repository).stream().filter(t -> !dev.platformimages.registry.Referrers.isKeptWithImage(t)).toList();
    }

    /** cosign's legacy tags of a repository ({@code sha256-<hex>.sig}, {@code .att}). */
    static List<String> cosignTags(String repository) {
        return allTags(repository).stream().filter(dev.platformimages.registry.Referrers::isCosignTag).toList();
    }

    /** The referrers lists of a repository: the tags {@code sha256-<hex>} the plugin keeps for the artifacts of an image. */
    static List<String> referrerLists(String repository) {
        return allTags(repository).stream().filter(t -> REFERRERS_LIST.matcher(t).matches()).toList();
    }

    private static final java.util.regex.Pattern REFERRERS_LIST = java.util.regex.Pattern.compile("sha256-[0-9a-f]{64}");

    static List<String> allTags(String repository) {
        HttpResponse<String> response = get("/v2/" + repository + "/tags/list", "application/json");
        if (response.statusCode() == 404) {
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        read(response.body()).path("tags").forEach(t -> tags.add(t.asText()));
        return new ArrayList<>(new TreeSet<>(tags));
    }

    /** Tags of a repository of another registry of the tests, read with basic auth. */
    static List<String> tags(String registry, String repository, String user, String password) {
        try {
            String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + repository
                    + "/tags/list")).header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return List.of();
            }
            List<String> tags = new ArrayList<>();
            read(response.body()).path("tags").forEach(t -> tags.add(t.asText()));
            tags.removeIf(t -> REFERRERS_LIST.matcher(t).matches()); // the inventories' referrers lists
            return new ArrayList<>(new TreeSet<>(tags));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The manifest digest a tag points to, if the tag exists. */
    static Optional<String> digest(String repository, String tag) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tag))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", ACCEPT).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? response.headers().firstValue("Docker-Content-Digest") : Optional.empty();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Points {@code toTag} at what {@code fromTag} points at, as a person with registry access could. */
    static void copyTag(String repository, String fromTag, String toTag) {
        try {
            HttpResponse<byte[]> manifest = HTTP.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + fromTag))
                    .header("Accept", ACCEPT).build(), HttpResponse.BodyHandlers.ofByteArray());
            String type = manifest.headers().firstValue("Content-Type").orElseThrow();
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + toTag))
                    .header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.body())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() != 201) {
                throw new IllegalStateException("PUT " + toTag + ": " + put.statusCode() + " " + put.body());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Copies the image {@code fromRepository:fromTag} to {@code toRepository} under {@code tags}, byte for byte: its blobs
     * mounted, its manifest put. How a test makes many published images out of one build.
     */
    static void copyImage(String fromRepository, String fromTag, String toRepository, String... tags) {
        try {
            HttpResponse<byte[]> manifest = HTTP.send(HttpRequest.newBuilder(uri("/v2/" + fromRepository + "/manifests/" + fromTag))
                    .header("Accept", ACCEPT).build(), HttpResponse.BodyHandlers.ofByteArray());
            String type = manifest.headers().firstValue("Content-Type").orElseThrow();
            JsonNode json = JSON.readTree(manifest.body());
            List<String> blobs = new ArrayList<>();
            blobs.add(json.path("config").path("digest").asText());
            json.path("layers").forEach(layer -> blobs.add(layer.path("digest").asText()));
            for (String blob : blobs) {
                HttpResponse<String> mount = HTTP.send(HttpRequest.newBuilder(uri("/v2/" + toRepository + "/blobs/uploads/?mount="
                        + blob + "&from=" + fromRepository)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (mount.statusCode() != 201) {
                    throw new IllegalStateException("mount " + blob + " into " + toRepository + ": " + mount.statusCode());
                }
            }
            for (String tag : tags) {
                HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(uri("/v2/" + toRepository + "/manifests/" + tag))
                        .header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.body())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (put.statusCode() != 201) {
                    throw new IllegalStateException("PUT " + toRepository + ":" + tag + ": " + put.statusCode() + " " + put.body());
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Puts a Docker manifest list under {@code tag} that lists, for each platform (os/architecture), the image
     * manifest another tag of the same repository points at: how a vendor publishes a multi-arch tag.
     * Returns the list's digest.
     */
    static String putIndex(String repository, String tag, Map<String, String> sourceTagByPlatform) {
        try {
            StringBuilder entries = new StringBuilder();
            for (Map.Entry<String, String> platform : sourceTagByPlatform.entrySet()) {
                HttpResponse<byte[]> manifest = HTTP.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/"
                        + platform.getValue())).header("Accept", ACCEPT).build(), HttpResponse.BodyHandlers.ofByteArray());
                String[] osArch = platform.getKey().split("/");
                entries.append(entries.length() == 0 ? "" : ",").append("{\"mediaType\":\"")
                        .append(manifest.headers().firstValue("Content-Type").orElseThrow()).append("\",\"size\":")
                        .append(manifest.body().length).append(",\"digest\":\"")
                        .append(manifest.headers().firstValue("Docker-Content-Digest").orElseThrow())
                        .append("\",\"platform\":{\"architecture\":\"").append(osArch[1]).append("\",\"os\":\"")
                        .append(osArch[0]).append("\"}}");
            }
            String list = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\","
                    + "\"manifests\":[" + entries + "]}";
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tag))
                    .header("Content-Type", "application/vnd.docker.distribution.manifest.list.v2+json")
                    .PUT(HttpRequest.BodyPublishers.ofString(list)).build(), HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() != 201) {
                throw new IllegalStateException("PUT index " + tag + ": " + put.statusCode() + " " + put.body());
            }
            return put.headers().firstValue("Docker-Content-Digest").orElseThrow();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The document of the artifact of {@code artifactType} that refers to {@code subjectDigest}, found as a client of
     * the distribution spec finds it without a referrers API: the {@code sha256-<hex>} index, the artifact's
     * manifest (whose subject must be the image), its one layer.
     */
    static JsonNode referrerDocument(String repository, String subjectDigest, String artifactType) {
        JsonNode list = read(get("/v2/" + repository + "/manifests/sha256-" + subjectDigest.substring(7), ACCEPT).body());
        for (JsonNode entry : list.path("manifests")) {
            if (artifactType.equals(entry.path("artifactType").asText())) {
                JsonNode artifact = read(get("/v2/" + repository + "/manifests/" + entry.path("digest").asText(), ACCEPT).body());
                if (!subjectDigest.equals(artifact.path("subject").path("digest").asText())) {
                    throw new AssertionError("the artifact " + entry + " is not about " + subjectDigest + ": " + artifact);
                }
                return read(get("/v2/" + repository + "/blobs/" + artifact.path("layers").get(0).path("digest").asText(), "*/*").body());
            }
        }
        throw new AssertionError("no artifact of " + artifactType + " refers to " + subjectDigest + ": " + list);
    }

    /** The raw documents of every artifact of {@code artifactType} listed as a referrer of {@code subjectDigest}. */
    static List<byte[]> referrerContents(String repository, String subjectDigest, String artifactType) {
        JsonNode list = read(get("/v2/" + repository + "/manifests/sha256-" + subjectDigest.substring(7), ACCEPT).body());
        List<byte[]> contents = new java.util.ArrayList<>();
        for (JsonNode entry : list.path("manifests")) {
            if (artifactType.equals(entry.path("artifactType").asText())) {
                JsonNode artifact = manifest(repository, entry.path("digest").asText());
                contents.add(blob(repository, artifact.path("layers").get(0).path("digest").asText()));
            }
        }
        return contents;
    }

    /** The manifest {@code reference} (a tag or digest) names, as JSON. */
    static JsonNode manifest(String repository, String reference) {
        return read(get("/v2/" + repository + "/manifests/" + reference, ACCEPT).body());
    }

    /** The bytes of a blob. */
    static byte[] blob(String repository, String digest) {
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/" + digest)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET blob " + digest + ": " + response.statusCode());
            }
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PUTs {@code manifest} (JSON of an OCI manifest or index) under {@code reference}, as a person with write access could. */
    static void putManifest(String repository, String reference, JsonNode manifest) {
        try {
            String type = manifest.path("mediaType").asText("application/vnd.oci.image.manifest.v1+json");
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference))
                    .header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(manifest))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() != 201) {
                throw new IllegalStateException("PUT " + reference + ": " + put.statusCode() + " " + put.body());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> labels(String repository, String tag) {
        JsonNode manifest = read(get("/v2/" + repository + "/manifests/" + tag, ACCEPT).body());
        String config = manifest.path("config").path("digest").asText();
        JsonNode labels = read(get("/v2/" + repository + "/blobs/" + config, "*/*").body()).path("config").path("Labels");
        Map<String, String> result = new LinkedHashMap<>();
        labels.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
        return result;
    }

    private static HttpResponse<String> get(String path, String accept) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI uri(String path) {
        return URI.create("http://" + ImageProject.REGISTRY + path);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
