package dev.platformimages.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * cosign's legacy signature payload ({@code ../shared/specs/cosign-signature-spec.md}): the containers "simple signing"
 * JSON naming the repository and the manifest digest, type {@code cosign container image signature}; signed as bytes
 * (ECDSA over its SHA-256), the signature base64 in the layer annotation {@link #SIGNATURE_ANNOTATION}, under the tag
 * {@code sha256-<hex>.sig}. cosign v2, the policy controllers and the containers tools' {@code sigstoreSigned}
 * policies read it.
 */
public final class SimpleSigning {

    public static final String MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
    public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    public static final String TYPE = "cosign container image signature";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SimpleSigning() {
    }

    /** The payload for the image {@code digest} of {@code dockerReference} (registry/repository, no tag). */
    public static byte[] payload(String dockerReference, String digest) {
        ObjectNode payload = JSON.createObjectNode();
        ObjectNode critical = payload.putObject("critical");
        critical.putObject("identity").put("docker-reference", dockerReference);
        critical.putObject("image").put("docker-manifest-digest", digest);
        critical.put("type", TYPE);
        payload.putNull("optional");
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest a payload names, or null when it is no cosign signature payload. */
    public static String digest(byte[] payload) {
        try {
            JsonNode critical = JSON.readTree(payload).path("critical");
            return TYPE.equals(critical.path("type").asText()) ? critical.path("image").path("docker-manifest-digest").asText(null) : null;
        } catch (IOException | NullPointerException e) {
            return null;
        }
    }
}
