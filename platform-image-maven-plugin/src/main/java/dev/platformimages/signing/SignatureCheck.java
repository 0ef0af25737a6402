package dev.platformimages.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Verifies ECDSA P-256 / SHA-256 signatures (DER) against a public key, and reads public keys from PEM. */
public final class SignatureCheck {

    private SignatureCheck() {
    }

    public static boolean verifies(PublicKey key, byte[] message, byte[] derSignature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(derSignature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a signature that is not even DER verifies nothing
        }
    }

    /**
     * The public key of a PEM {@code -----BEGIN PUBLIC KEY-----} (cosign.pub).
     *
     * @throws IllegalArgumentException when it is none
     */
    public static PublicKey publicKey(String pem) {
        int begin = pem.indexOf("-----BEGIN PUBLIC KEY-----");
        int end = pem.indexOf("-----END PUBLIC KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("not a PEM public key (-----BEGIN PUBLIC KEY-----)");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 26, end));
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an EC public key: " + e.getMessage());
        }
    }
}
