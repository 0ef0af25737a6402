package dev.platformimages.packages;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApkIndexFileTest {

    private static final String INDEX = "P:musl\nV:1.2.5-r1\nA:x86_64\n\n";
    private static final String KEY_NAME = "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub";
    private final Map<String, byte[]> keys = Map.of("/etc/apk/keys/" + KEY_NAME, ApkIndexes.publicKeyPem(ApkIndexes.KEY));

    @Test
    void anIndexSignedWithAKeyTheImageHasIsRead() {
        assertEquals(INDEX, ApkIndexFile.verify(ApkIndexes.signed(INDEX, ApkIndexes.KEY, KEY_NAME, true), keys));
        assertEquals(INDEX, ApkIndexFile.verify(ApkIndexes.signed(INDEX, ApkIndexes.KEY, KEY_NAME, false), keys), "SHA-1, as older indexes");
    }

    @Test
    void aChangedIndexFails() {
        byte[] file = ApkIndexes.signed(INDEX, ApkIndexes.KEY, KEY_NAME, true);
        file[file.length - 12] ^= 1; // in the index stream's deflate data or trailer
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApkIndexFile.verify(file, keys));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void aKeyTheImageDoesNotHaveIsNamed() {
        byte[] file = ApkIndexes.signed(INDEX, ApkIndexes.KEY, "someone-else.rsa.pub", true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApkIndexFile.verify(file, keys));
        assertTrue(e.getMessage().contains("someone-else.rsa.pub, which is not in the image's /etc/apk/keys"), e.getMessage());
    }

    @Test
    void aSignatureByAnotherKeyOfTheSameNameFails() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair other = generator.generateKeyPair();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApkIndexFile.verify(ApkIndexes.signed(INDEX, other, KEY_NAME, true), keys));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void notGzipOrUnsignedIsSaid() {
        assertThrows(IllegalArgumentException.class, () -> ApkIndexFile.verify("not an index".getBytes(), keys));
    }
}
