package dev.platformimages.notify;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

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
}
