package dev.platformimages.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A manifest as the registry serves it: the exact bytes (their digest is the manifest's identity). */
public final class Manifest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final byte[] body;
    private final String mediaType;
    private final String digest;

    public Manifest(byte[] body, String mediaType, String digest) {
        this.body = body.clone();
        this.mediaType = mediaType;
        this.digest = digest;
    }

    public byte[] body() {
        return body.clone();
    }

    public String mediaType() {
        return mediaType;
    }

    public String digest() {
        return digest;
    }

    /** The config and layer blobs of an image manifest; none for an index. */
    public List<String> blobs() {
        JsonNode json = json();
        List<String> blobs = new ArrayList<>();
        if (json.path("config").has("digest")) {
            blobs.add(json.path("config").path("digest").asText());
        }
        json.path("layers").forEach(layer -> blobs.add(layer.path("digest").asText()));
        return blobs;
    }

    /** The manifests an index lists; none for an image manifest. */
    public List<String> children() {
        List<String> children = new ArrayList<>();
        if (MediaTypes.isIndex(mediaType)) {
            json().path("manifests").forEach(m -> children.add(m.path("digest").asText()));
        }
        return children;
    }

    /** The platform images an index lists, by platform ({@code os/arch[/variant]}); attestation entries left out. */
    public java.util.Map<String, String> platformChildren() {
        java.util.Map<String, String> children = new java.util.LinkedHashMap<>();
        if (MediaTypes.isIndex(mediaType)) {
            for (JsonNode m : json().path("manifests")) {
                JsonNode p = m.path("platform");
                String os = p.path("os").asText("");
                if (!os.isEmpty() && !os.equals("unknown")) {
                    children.put(os + "/" + p.path("architecture").asText("")
                            + (p.hasNonNull("variant") ? "/" + p.path("variant").asText() : ""), m.path("digest").asText());
                }
            }
        }
        return children;
    }

    private JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new RegistryException("manifest " + digest + " is not JSON", e);
        }
    }
}
