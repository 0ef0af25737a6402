package dev.platformimages.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;

/**
 * Signs through a key service, as cosign's {@code awskms://} does: the SHA-256 digest is computed here and sent as a
 * digest (KMS Sign with MessageType DIGEST, ECDSA_SHA_256), so the message itself never leaves the build. The public
 * key is asked for once.
 */
public final class KmsSigner implements ImageSigner {

    private final KeyService service;
    private final String keyId;
    private PublicKey publicKey;

    public KmsSigner(KeyService service, String keyId) {
        this.service = service;
        this.keyId = keyId;
    }

    @Override
    public byte[] sign(byte[] message) {
        try {
            return service.signDigest(keyId, MessageDigest.getInstance("SHA-256").digest(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized PublicKey publicKey() {
        if (publicKey == null) {
            try {
                publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(service.publicKey(keyId)));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("the KMS key " + keyId + " has no EC public key: " + e.getMessage());
            }
        }
        return publicKey;
    }

    @Override
    public String description() {
        return "the KMS key " + keyId;
    }
}
