package dev.platformimages.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A fake AWS KMS for the tests: WireMock answering the KMS JSON 1.1 API ({@code X-Amz-Target: TrentService.Sign} and
 * {@code TrentService.GetPublicKey}) with the request and response shapes of the real model
 * ({@code ../shared/aws/kms-2014-11-01-service-2.json}) and its errors as {"__type", "message"}. Its keys are
 * ECC_NIST_P256 SIGN_VERIFY keys made here, found by key id, key ARN or alias; Sign checks what KMS checks (the
 * algorithm, a 32-byte message of type DIGEST) and signs the digest as KMS does (ECDSA, DER).
 */
public final class FakeKms implements ResponseDefinitionTransformerV2, AutoCloseable {

    public static final String REGION = "eu-west-1";
    public static final String ACCOUNT = "123456789012";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> aliases = new ConcurrentHashMap<>();
    private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();
    public final AtomicInteger signCalls = new AtomicInteger();
    private final WireMockServer server;

    public FakeKms() {
        server = new WireMockServer(options().dynamicPort().extensions(this));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(new ResponseDefinitionBuilder().withStatus(500)));
    }

    /** Makes a P-256 signing key and its alias ({@code alias/NAME}); returns its key ARN. */
    public String createKey(String alias) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            String id = java.util.UUID.randomUUID().toString();
            keys.put(id, generator.generateKeyPair());
            aliases.put(alias, id);
            return arn(id);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public KeyPair key(String alias) {
        return keys.get(aliases.get(alias));
    }

    /** host:port of the fake, for {@code awskms://HOST:PORT/alias/NAME}. */
    public String endpoint() {
        return "127.0.0.1:" + server.port();
    }

    public WireMockServer server() {
        return server;
    }

    private static String arn(String id) {
        return "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + id;
    }

    @Override
    public String getName() {
        return "fake-kms";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String target = event.getRequest().getHeader("X-Amz-Target");
        try {
            JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
            String keyId = body.path("KeyId").asText();
            String id = resolve(keyId);
            if (id == null) {
                return error("NotFoundException", "Key '" + keyId + "' does not exist");
            }
            return switch (target == null ? "" : target) {
                case "TrentService.GetPublicKey" -> ok(JSON.createObjectNode().put("KeyId", arn(id))
                        .put("PublicKey", Base64.getEncoder().encodeToString(keys.get(id).getPublic().getEncoded()))
                        .put("KeySpec", "ECC_NIST_P256").put("CustomerMasterKeySpec", "ECC_NIST_P256")
                        .put("KeyUsage", "SIGN_VERIFY").set("SigningAlgorithms", JSON.createArrayNode().add("ECDSA_SHA_256")));
                case "TrentService.Sign" -> sign(id, body);
                default -> error("UnsupportedOperationException", "the fake KMS does not answer " + target);
            };
        } catch (IOException | GeneralSecurityException e) {
            return error("KMSInternalException", e.getMessage());
        }
    }

    private ResponseDefinition sign(String id, JsonNode body) throws GeneralSecurityException {
        if (!"ECDSA_SHA_256".equals(body.path("SigningAlgorithm").asText())) {
            return error("InvalidKeyUsageException", "the key does not support " + body.path("SigningAlgorithm").asText());
        }
        byte[] message = Base64.getDecoder().decode(body.path("Message").asText());
        if (!"DIGEST".equals(body.path("MessageType").asText()) || message.length != 32) {
            return error("ValidationException", "the fake expects a 32-byte SHA-256 digest with MessageType DIGEST");
        }
        signCalls.incrementAndGet();
        Signature ecdsa = Signature.getInstance("NONEwithECDSA");
        ecdsa.initSign(keys.get(id).getPrivate());
        ecdsa.update(message);
        return ok(JSON.createObjectNode().put("KeyId", arn(id)).put("SigningAlgorithm", "ECDSA_SHA_256")
                .put("Signature", Base64.getEncoder().encodeToString(ecdsa.sign())));
    }

    private String resolve(String keyId) {
        if (keyId.startsWith("alias/")) {
            return aliases.get(keyId);
        }
        if (keyId.startsWith("arn:aws:kms:")) {
            String[] parts = keyId.split(":", 6);
            String resource = parts.length == 6 ? parts[5] : "";
            return resource.startsWith("alias/") ? aliases.get(resource) : keys.containsKey(resource.substring(4)) ? resource.substring(4) : null;
        }
        return keys.containsKey(keyId) ? keyId : null;
    }

    private static ResponseDefinition ok(ObjectNode body) {
        return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(body.toString().getBytes(StandardCharsets.UTF_8)).build();
    }

    private static ResponseDefinition error(String type, String message) {
        return new ResponseDefinitionBuilder().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(JSON.createObjectNode().put("__type", type).put("message", message).toString()).build();
    }

    @Override
    public void close() {
        server.stop();
    }
}
