package dev.platformimages.packages;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a document gpg clear-signed (see src/test/resources/packages/apt/README.md). */
class OpenPgpSignaturesTest {

    static byte[] resource(String name) {
        try (InputStream in = OpenPgpSignaturesTest.class.getResourceAsStream("/packages/apt/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDocumentGpgSignedIsVerifiedWithTheBinaryOrTheArmoredKeyAndItsTextReturned() {
        String text = OpenPgpSignatures.verifyClearSigned(resource("InRelease"), Map.of("/usr/share/keyrings/test.gpg", resource("key.gpg")));
        assertEquals(new String(resource("Release"), StandardCharsets.UTF_8).stripTrailing(), text);
        assertTrue(text.contains("\n- dash line\n"), "dash-escaping undone");
        OpenPgpSignatures.verifyClearSigned(resource("InRelease"), Map.of("other.gpg", resource("other.gpg"), "key.asc", resource("key.asc")));
    }

    @Test
    void aChangedTextFailsAsTampered() {
        byte[] tampered = new String(resource("InRelease"), StandardCharsets.UTF_8).replace("0123 12", "0123 13")
                .getBytes(StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenPgpSignatures.verifyClearSigned(tampered, Map.of("key.gpg", resource("key.gpg"))));
        assertTrue(e.getMessage().contains("does not match its text"), e.getMessage());
    }

    @Test
    void aKeyTheImageDoesNotTrustIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenPgpSignatures.verifyClearSigned(resource("InRelease"), Map.of("/etc/apt/trusted.gpg.d/other.gpg", resource("other.gpg"))));
        assertTrue(e.getMessage().contains("94993729E782818A") && e.getMessage().contains("/etc/apt/trusted.gpg.d/other.gpg"), e.getMessage());
    }

    @Test
    void aDocumentThatIsNotSignedSaysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenPgpSignatures.verifyClearSigned(resource("Release"), Map.of("key.gpg", resource("key.gpg"))));
        assertTrue(e.getMessage().contains("not a clear-signed document"), e.getMessage());
    }
}
