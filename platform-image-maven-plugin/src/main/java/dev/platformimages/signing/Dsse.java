package dev.platformimages.signing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Dead Simple Signing Envelope (DSSE v1.0.2, {@code ../shared/specs/dsse-protocol.md}): what is signed is the
 * pre-authentication encoding of the payload type and the payload, never the JSON around them; the envelope carries
 * the payload and each signature base64-encoded. In-toto attestations (SBOM, provenance, test record) travel in it.
 */
public final class Dsse {

    /** The payload type of an in-toto statement. */
    public static final String IN_TOTO = "application/vnd.in-toto+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One signature: its bytes as the verifier takes them, and an optional key id hint (null: none). */
    public record Signature(byte[] sig, String keyId) {
    }

    private Dsse() {
    }

    /** {@code PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, lengths in bytes. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + payload.length + 32);
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** The JSON envelope: {@code payload} and {@code sig} in standard base64, {@code keyid} only where given. */
    public static byte[] envelope(String payloadType, byte[] payload, List<Signature> signatures) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("payloadType", payloadType);
        envelope.put("payload", Base64.getEncoder().encodeToString(payload));
        ArrayNode sigs = envelope.putArray("signatures");
        for (Signature s : signatures) {
            ObjectNode node = sigs.addObject();
            if (s.keyId() != null) {
                node.put("keyid", s.keyId());
            }
            node.put("sig", Base64.getEncoder().encodeToString(s.sig()));
        }
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs {@code payload} of {@code payloadType} with {@code signer} and wraps it in an envelope. */
    public static byte[] sign(String payloadType, byte[] payload, ImageSigner signer) {
        return envelope(payloadType, payload, List.of(new Signature(signer.sign(pae(payloadType, payload)), null)));
    }
}
