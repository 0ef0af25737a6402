package dev.platformimages.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;

/**
 * What signs a release: ECDSA P-256 over SHA-256, as cosign signs, with a key held here ({@link EcdsaP256Signer}) or
 * in a key service ({@link KmsSigner}). Nothing it says or throws carries the private key or its passphrase.
 */
public interface ImageSigner {

    /** The signature of SHA-256({@code message}), ASN.1 DER. */
    byte[] sign(byte[] message);

    /** The public key that verifies its signatures. */
    PublicKey publicKey();

    /** Where the key is, for the log: a file name or a KMS key id, never the key. */
    String description();

    /** The key hint of a Sigstore bundle: standard base64 of SHA-256 over the public key's DER (as sigstore-go's). */
    static String hint(PublicKey key) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}), as cosign writes cosign.pub. */
    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
