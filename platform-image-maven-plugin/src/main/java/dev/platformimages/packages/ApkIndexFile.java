package dev.platformimages.packages;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * An Alpine {@code APKINDEX.tar.gz}, verified as apk verifies it: two gzip streams, the first a tar holding
 * {@code .SIGN.RSA.<key name>} (SHA-1) or {@code .SIGN.RSA256.<key name>} (SHA-256), an RSA signature over the
 * second stream's bytes as they are, made with the key of that name in {@code /etc/apk/keys}; the second the tar
 * with the {@code APKINDEX} text.
 */
public final class ApkIndexFile {

    private ApkIndexFile() {
    }

    /**
     * The {@code APKINDEX} text of a signed index.
     *
     * @param keys the image's {@code /etc/apk/keys} files, by absolute path
     * @throws IllegalArgumentException when it is not signed, signed by a key the image does not have, or the
     *                                  signature does not match (the message says which)
     */
    public static String verify(byte[] indexFile, Map<String, byte[]> keys) {
        int end = firstGzipStreamEnd(indexFile);
        String signatureName = null;
        byte[] signature = null;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
                new ByteArrayInputStream(indexFile, 0, end)))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                if (entry.getName().startsWith(".SIGN.")) {
                    signatureName = entry.getName();
                    signature = tar.readAllBytes();
                    break;
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("its signature part cannot be read: " + e.getMessage(), e);
        }
        if (signatureName == null) {
            throw new IllegalArgumentException("it is not signed");
        }
        boolean sha256 = signatureName.startsWith(".SIGN.RSA256.");
        String keyName = signatureName.substring(sha256 ? ".SIGN.RSA256.".length() : ".SIGN.RSA.".length());
        byte[] pem = keys.get("/etc/apk/keys/" + keyName);
        if (pem == null) {
            throw new IllegalArgumentException("it is signed by key " + keyName + ", which is not in the image's /etc/apk/keys");
        }
        byte[] signed = Arrays.copyOfRange(indexFile, end, indexFile.length);
        try {
            Signature verifier = Signature.getInstance(sha256 ? "SHA256withRSA" : "SHA1withRSA");
            verifier.initVerify(publicKey(pem));
            verifier.update(signed);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException("its signature by " + keyName + " does not match: the index was changed after it was signed");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("its signature by " + keyName + " cannot be checked: " + e.getMessage(), e);
        }
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(signed)))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                if (entry.getName().equals("APKINDEX")) {
                    return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("its index part cannot be read: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("it holds no APKINDEX");
    }

    private static PublicKey publicKey(byte[] pem) throws GeneralSecurityException {
        String base64 = new String(pem, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    /** Where the first gzip stream (header, deflate data, 8-byte trailer) ends. */
    static int firstGzipStreamEnd(byte[] data) {
        if (data.length < 18 || (data[0] & 0xff) != 0x1f || (data[1] & 0xff) != 0x8b || data[2] != 8) {
            throw new IllegalArgumentException("it is not gzip data");
        }
        int flags = data[3] & 0xff;
        int offset = 10;
        if ((flags & 4) != 0) { // FEXTRA
            offset += 2 + ((data[offset] & 0xff) | (data[offset + 1] & 0xff) << 8);
        }
        if ((flags & 8) != 0) { // FNAME
            while (data[offset++] != 0) {
                // skip
            }
        }
        if ((flags & 16) != 0) { // FCOMMENT
            while (data[offset++] != 0) {
                // skip
            }
        }
        if ((flags & 2) != 0) { // FHCRC
            offset += 2;
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(data, offset, data.length - offset);
            byte[] sink = new byte[8192];
            while (!inflater.finished()) {
                if (inflater.inflate(sink) == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("its first gzip stream is cut short");
                }
            }
            return data.length - inflater.getRemaining() + 8;
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("its first gzip stream is damaged: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
