package dev.platformimages.signing;

/** A key service that holds a private key and signs with it (AWS KMS): the key never leaves it. */
public interface KeyService {

    /** The ECDSA P-256 signature (DER) of a SHA-256 {@code digest} by key {@code keyId}. */
    byte[] signDigest(String keyId, byte[] digest);

    /** The public key of {@code keyId}, DER SubjectPublicKeyInfo; fails when the key is not an ECC_NIST_P256 signing key. */
    byte[] publicKey(String keyId);
}
