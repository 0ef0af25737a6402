package dev.platformimages.ecr;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * WireMock as the ECR control plane: the JSON 1.1 protocol the SDK speaks (POST /, the operation in X-Amz-Target,
 * application/x-amz-json-1.1 bodies, errors as {"__type": ..., "message": ...}).
 */
final class EcrStub implements AutoCloseable {

    static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    static final String ACCOUNT = "123456789012";
    static final String HOST = ACCOUNT + ".dkr.ecr.eu-west-1.amazonaws.com";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    EcrStub() {
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    static MappingBuilder call(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation));
    }

    static ResponseDefinitionBuilder ok(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "req-ok").withBody(json);
    }

    static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "req-" + type).withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    /** GetAuthorizationToken answering AWS:{password} for {@code proxyEndpoint}, valid 12 hours. */
    void authorizes(String proxyEndpoint, String password) {
        authorizes(proxyEndpoint, password, 12 * 3600);
    }

    /** As {@link #authorizes(String, String)}, the token expiring in {@code seconds}. */
    void authorizes(String proxyEndpoint, String password, long seconds) {
        String token = Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
        long expires = System.currentTimeMillis() / 1000 + seconds;
        server.stubFor(call("GetAuthorizationToken").willReturn(ok("{\"authorizationData\":[{\"authorizationToken\":\""
                + token + "\",\"expiresAt\":" + expires + ",\"proxyEndpoint\":\"" + proxyEndpoint + "\"}]}")));
    }

    List<LoggedRequest> requests(String operation) {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation)));
    }

    /** AWS credentials for the SDK's default chain (Java system properties): example values, not a secret. */
    static void useTestCredentials() {
        System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }

    static void clearTestCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    /** A session for {@link #HOST} against this stub, with {@code maxAttempts}; credentials from system properties. */
    EcrSession session(int maxAttempts) {
        return session(maxAttempts, null);
    }

    /** As {@link #session(int)}, with image bytes going to {@code registryEndpoint} (platform.ecr.registryEndpoint). */
    EcrSession session(int maxAttempts, String registryEndpoint) {
        return EcrSession.open(EcrRegistryHost.parse(HOST).orElseThrow(),
                EcrOptions.of(null, null, endpoint(), maxAttempts, registryEndpoint));
    }

    @Override
    public void close() {
        server.stop();
    }
}
