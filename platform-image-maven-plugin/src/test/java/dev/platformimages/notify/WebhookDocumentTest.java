package dev.platformimages.notify;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WebhookDocumentTest {

    @Test
    void releaseAndFailureDocumentsAreTheDocumentedSchema() {
        PayloadFixtures.assertPayload("webhook-release.json", WebhookDocument.document(Events.released()));
        PayloadFixtures.assertPayload("webhook-failure.json", WebhookDocument.document(Events.failedIntegrationTest()));
    }

    @Test
    void theSignatureIsHmacSha256InHex() {
        // RFC 4231, test case 2
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                WebhookDocument.signature("what do ya want for nothing?".getBytes(StandardCharsets.UTF_8), "Jefe"));
    }

    @Test
    void aReceiverVerifiesTheSignatureWithTheReadmesOpensslCommand() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed (scripts/env.sh installs it)");
        String body = Payloads.JSON.writeValueAsString(WebhookDocument.document(Events.released()));
        String secret = "s3cret with spaces";
        // The command the manual (Notifications) gives receivers, as they would run it.
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "printf '%s' \"$BODY\" | openssl dgst -sha256 -hmac \"$SECRET\"")
                .redirectErrorStream(true);
        builder.environment().put("BODY", body);
        builder.environment().put("SECRET", secret);
        Process openssl = builder.start();
        String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, openssl.waitFor(), out);
        assertEquals(WebhookDocument.signature(body.getBytes(StandardCharsets.UTF_8), secret),
                "sha256=" + out.substring(out.lastIndexOf(' ') + 1));
    }
}
