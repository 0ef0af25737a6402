package dev.platformimages.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;

/**
 * A Sigstore bundle v0.3 ({@code application/vnd.dev.sigstore.bundle.v0.3+json}) holding a DSSE envelope signed by a
 * key (no certificate, no transparency log entry), as cosign v3 writes one with a key: the verification material is
 * the key's hint (base64 SHA-256 of its DER), which a verifier maps to the public key it trusts.
 */
public record SigstoreBundle(String payloadType, byte[] payload, byte[] signature, String hint) {

    public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
    /** The referrer annotations cosign v3 writes with a bundle. */
    public static final String CONTENT_ANNOTATION = "dev.sigstore.bundle.content";
    public static final String PREDICATE_TYPE_ANNOTATION = "dev.sigstore.bundle.predicateType";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Signs the in-toto {@code statement} with {@code signer} into a bundle. */
    public static SigstoreBundle sign(byte[] statement, ImageSigner signer) {
        byte[] signature = signer.sign(Dsse.pae(Dsse.IN_TOTO, statement));
        return new SigstoreBundle(Dsse.IN_TOTO, statement, signature, ImageSigner.hint(signer.publicKey()));
    }

    /** The bundle's JSON (protobuf JSON names, as sigstore's tools write and read it). */
    public byte[] bytes() {
        ObjectNode bundle = JSON.createObjectNode().put("mediaType", MEDIA_TYPE);
        ObjectNode material = bundle.putObject("verificationMaterial");
        material.putObject("publicKey").put("hint", hint);
        material.putArray("tlogEntries");
        ObjectNode envelope = bundle.putObject("dsseEnvelope");
        envelope.put("payload", Base64.getEncoder().encodeToString(payload));
        envelope.put("payloadType", payloadType);
        envelope.putArray("signatures").addObject().put("sig", Base64.getEncoder().encodeToString(signature));
        try {
            return JSON.writeValueAsBytes(bundle);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a bundle holding a DSSE envelope with one signature.
     *
     * @throws IllegalArgumentException when it is none
     */
    public static SigstoreBundle parse(byte[] bytes) {
        try {
            JsonNode bundle = JSON.readTree(bytes);
            if (bundle == null || !bundle.path("mediaType").asText().startsWith("application/vnd.dev.sigstore.bundle")) {
                throw new IllegalArgumentException("not a Sigstore bundle");
            }
            JsonNode envelope = bundle.path("dsseEnvelope");
            JsonNode signatures = envelope.path("signatures");
            if (!envelope.isObject() || signatures.size() != 1) {
                throw new IllegalArgumentException("the bundle holds no DSSE envelope with one signature");
            }
            return new SigstoreBundle(envelope.path("payloadType").asText(),
                    Base64.getDecoder().decode(envelope.path("payload").asText()),
                    Base64.getDecoder().decode(signatures.get(0).path("sig").asText()),
                    bundle.path("verificationMaterial").path("publicKey").path("hint").asText(null));
        } catch (IOException e) {
            throw new IllegalArgumentException("the bundle is not JSON");
        }
    }

    /** Whether the envelope's signature verifies with {@code key}. */
    public boolean verifies(PublicKey key) {
        return SignatureCheck.verifies(key, Dsse.pae(payloadType, payload), signature);
    }

    /** The DSSE envelope alone (JSON), as cosign v2 keeps attestations in {@code .att}. */
    public byte[] envelope() {
        return Dsse.envelope(payloadType, payload, java.util.List.of(new Dsse.Signature(signature, null)));
    }

    @Override
    public String toString() {
        return "SigstoreBundle[" + payloadType + ", " + new String(payload, StandardCharsets.UTF_8).length() + " characters]";
    }
}
