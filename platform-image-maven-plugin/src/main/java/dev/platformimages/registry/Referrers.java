package dev.platformimages.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OCI 1.1 artifacts that refer to an image (OCI image manifest, {@code subject}), and the referrers list a registry
 * without the referrers API keeps under the tag schema of the distribution spec ({@code <alg>-<ref>}, an image index).
 * Pure: the bytes to push, and the list updated with one more referrer.
 */
public final class Referrers {

    /** The empty descriptor's media type, content ({@code {}}) and digest, for an artifact's config. */
    public static final String EMPTY_MEDIA_TYPE = "application/vnd.oci.empty.v1+json";
    public static final String EMPTY_DIGEST = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
    public static final byte[] EMPTY_CONTENT = {'{', '}'};

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A content descriptor; {@code artifactType} and {@code annotations} may be null. */
    public record Descriptor(String mediaType, String digest, long size, String artifactType, Map<String, String> annotations) {

        public Descriptor(String mediaType, String digest, long size) {
            this(mediaType, digest, size, null, null);
        }

        ObjectNode toJson() {
            ObjectNode node = JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest).put("size", size);
            if (artifactType != null) {
                node.put("artifactType", artifactType);
            }
            if (annotations != null && !annotations.isEmpty()) {
                ObjectNode a = node.putObject("annotations");
                new TreeMap<>(annotations).forEach(a::put);
            }
            return node;
        }
    }

    private Referrers() {
    }

    /** The tag of the referrers list of {@code subjectDigest}: {@code sha256-<hex>} (at most 64 characters of it). */
    public static String fallbackTag(String subjectDigest) {
        int colon = subjectDigest.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("not a digest: " + subjectDigest);
        }
        String ref = subjectDigest.substring(colon + 1);
        return subjectDigest.substring(0, colon) + "-" + ref.substring(0, Math.min(64, ref.length()));
    }

    /** Whether {@code tag} is a referrers list of the tag schema ({@code sha256-} and 64 hex digits). */
    public static boolean isFallbackTag(String tag) {
        return tag.length() == 71 && tag.startsWith("sha256-") && tag.substring(7).chars().allMatch(
                c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /** The tag of cosign's legacy signature ({@code sig}) or attestation ({@code att}) image of {@code subjectDigest}. */
    public static String cosignTag(String subjectDigest, String suffix) {
        return fallbackTag(subjectDigest) + "." + suffix;
    }

    /** Whether {@code tag} is cosign's legacy {@code sha256-<hex>.sig}, {@code .att} or {@code .sbom} tag. */
    public static boolean isCosignTag(String tag) {
        int dot = tag.lastIndexOf('.');
        return dot == 71 && isFallbackTag(tag.substring(0, dot)) && List.of("sig", "att", "sbom").contains(tag.substring(dot + 1));
    }

    /** Whether {@code tag} is one of those kept with an image: a referrers list or cosign's legacy tags. */
    public static boolean isKeptWithImage(String tag) {
        return isFallbackTag(tag) || isCosignTag(tag);
    }

    /**
     * The config of cosign's legacy image, as go-containerregistry writes it for cosign: no platform, the layers'
     * digests as diff ids (they are not compressed).
     */
    public static byte[] cosignConfig(List<Descriptor> layers) {
        ObjectNode config = JSON.createObjectNode().put("architecture", "").put("created", "0001-01-01T00:00:00Z");
        config.putArray("history").addObject().put("created", "0001-01-01T00:00:00Z");
        config.put("os", "");
        ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        layers.forEach(l -> diffIds.add(l.digest()));
        config.putObject("config");
        return bytes(config);
    }

    /** cosign's legacy image manifest: an OCI image of {@code config} and {@code layers}. */
    public static byte[] cosignManifest(byte[] config, List<Descriptor> layers) {
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.set("config", new Descriptor("application/vnd.oci.image.config.v1+json", HttpRegistryClient.sha256(config),
                config.length).toJson());
        ArrayNode array = manifest.putArray("layers");
        layers.forEach(l -> array.add(l.toJson()));
        return bytes(manifest);
    }

    /**
     * An artifact manifest: {@code artifactType}, the empty config, {@code layer} as its one blob, {@code subject} the
     * image it is about.
     */
    public static byte[] artifactManifest(String artifactType, Descriptor layer, Descriptor subject,
                                          Map<String, String> annotations) {
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST)
                .put("artifactType", artifactType);
        manifest.set("config", new Descriptor(EMPTY_MEDIA_TYPE, EMPTY_DIGEST, EMPTY_CONTENT.length).toJson());
        manifest.putArray("layers").add(layer.toJson());
        if (subject != null) { // null: an artifact about no image (a record found by its tag)
            manifest.set("subject", new Descriptor(subject.mediaType(), subject.digest(), subject.size()).toJson());
        }
        if (annotations != null && !annotations.isEmpty()) {
            ObjectNode a = manifest.putObject("annotations");
            new TreeMap<>(annotations).forEach(a::put);
        }
        return bytes(manifest);
    }

    /**
     * The referrers list (an image index) with {@code referrer} added, or replacing an entry of the same digest;
     * {@code existing} is the list under the fallback tag, or null when there is none (or it is not an index).
     */
    public static byte[] withReferrer(byte[] existing, Descriptor referrer) {
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        if (existing != null) {
            try {
                JsonNode old = JSON.readTree(existing);
                if (MediaTypes.OCI_INDEX.equals(old.path("mediaType").asText()) || old.path("manifests").isArray()) {
                    for (JsonNode entry : old.path("manifests")) {
                        if (!referrer.digest().equals(entry.path("digest").asText())) {
                            manifests.add(entry);
                        }
                    }
                }
            } catch (IOException e) {
                // not JSON: the list starts again, as the spec says for a tag that holds no valid index
            }
        }
        manifests.add(referrer.toJson());
        return bytes(index);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
