package dev.platformimages.packages;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/** Signed APKINDEX.tar.gz files made as abuild-sign makes them, for the tests. */
public final class ApkIndexes {

    public static final KeyPair KEY = generate();

    private ApkIndexes() {
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as /etc/apk/keys holds it (PEM). */
    public static byte[] publicKeyPem(KeyPair key) {
        return ("-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** An index holding {@code apkIndex}, signed with {@code key} under {@code keyName}, SHA-256 or SHA-1. */
    public static byte[] signed(String apkIndex, KeyPair key, String keyName, boolean sha256) {
        try {
            byte[] index = tarGz("APKINDEX", apkIndex.getBytes(StandardCharsets.UTF_8), true);
            Signature signer = Signature.getInstance(sha256 ? "SHA256withRSA" : "SHA1withRSA");
            signer.initSign(key.getPrivate());
            signer.update(index);
            byte[] signature = tarGz((sha256 ? ".SIGN.RSA256." : ".SIGN.RSA.") + keyName, signer.sign(), false);
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.write(signature);
            file.write(index);
            return file.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A gzip stream of a tar with one file; the signature's tar ends without its end blocks, as abuild cuts it. */
    private static byte[] tarGz(String name, byte[] content, boolean finish) throws IOException {
        ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
        TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
        if (finish) {
            tar.finish();
        }
        tar.flush();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tarBytes.toByteArray());
        }
        return gz.toByteArray();
    }
}
