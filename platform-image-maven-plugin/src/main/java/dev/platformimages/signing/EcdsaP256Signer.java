package dev.platformimages.signing;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;

/**
 * ECDSA over NIST P-256 with SHA-256, as cosign signs: deterministic nonces (RFC 6979), so a signature needs no random
 * source and the same input always signs the same; signatures as ASN.1 DER (what cosign and its verifiers take) or as
 * the raw {@code r || s} of 64 bytes (DSSE's own test vector). Holds the private scalar only; it is never printed.
 */
public final class EcdsaP256Signer implements ImageSigner {

    private static final X9ECParameters CURVE = SECNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());

    private final BigInteger d;
    private final String description;
    private PublicKey publicKey;

    private EcdsaP256Signer(BigInteger d, String description) {
        if (d.signum() <= 0 || d.compareTo(CURVE.getN()) >= 0) {
            throw new IllegalArgumentException("the private key is not a P-256 key");
        }
        this.d = d;
        this.description = description;
    }

    /** A signer of the private scalar {@code d}. */
    static EcdsaP256Signer ofScalar(BigInteger d) {
        return new EcdsaP256Signer(d, "a key given in code");
    }

    /**
     * A signer of {@code key}, described as {@code description} (where it came from) in the log.
     *
     * @throws IllegalArgumentException when it is no P-256 key (the message says what it is instead, never the key)
     */
    static EcdsaP256Signer of(PrivateKey key, String description) {
        if (!(key instanceof ECPrivateKey ec)) {
            throw new IllegalArgumentException("the key is a " + key.getAlgorithm() + " key; signing takes an EC P-256 key");
        }
        if (ec.getParams().getCurve().getField().getFieldSize() != 256 || !ec.getParams().getOrder().equals(CURVE.getN())) {
            throw new IllegalArgumentException("the key is an EC key of another curve than P-256");
        }
        return new EcdsaP256Signer(ec.getS(), description);
    }

    /**
     * A signer of an unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) holding a P-256 key.
     *
     * @throws IllegalArgumentException when it is no such key (the message says what it is instead, never the key)
     */
    public static EcdsaP256Signer fromPkcs8Pem(String pem) {
        return PemKeys.signer(pem, () -> {
            throw new IllegalArgumentException("the key is encrypted: give its passphrase");
        }, "a PEM key");
    }

    @Override
    public byte[] sign(byte[] message) {
        return signDer(message);
    }

    @Override
    public synchronized PublicKey publicKey() {
        if (publicKey == null) {
            ECPoint q = DOMAIN.getG().multiply(d).normalize();
            try {
                KeyFactory factory = KeyFactory.getInstance("EC");
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec("secp256r1"));
                ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
                publicKey = factory.generatePublic(new ECPublicKeySpec(new java.security.spec.ECPoint(
                        q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), spec));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return publicKey;
    }

    @Override
    public String description() {
        return description;
    }

    /** The signature of SHA-256({@code message}) as ASN.1 DER, as cosign writes it. */
    public byte[] signDer(byte[] message) {
        BigInteger[] rs = signature(message);
        try {
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(rs[1])}).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signature of SHA-256({@code message}) as the 64 bytes {@code r || s}. */
    public byte[] signRaw(byte[] message) {
        BigInteger[] rs = signature(message);
        byte[] raw = new byte[64];
        copy(rs[0], raw, 0);
        copy(rs[1], raw, 32);
        return raw;
    }

    private BigInteger[] signature(byte[] message) {
        SHA256Digest sha = new SHA256Digest();
        sha.update(message, 0, message.length);
        byte[] hash = new byte[32];
        sha.doFinal(hash, 0);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(d, DOMAIN));
        BigInteger[] rs = signer.generateSignature(hash);
        // Low-S, as most verifiers accept either and some want it.
        BigInteger halfN = CURVE.getN().shiftRight(1);
        return rs[1].compareTo(halfN) > 0 ? new BigInteger[] {rs[0], CURVE.getN().subtract(rs[1])} : rs;
    }

    private static void copy(BigInteger value, byte[] into, int offset) {
        byte[] bytes = value.toByteArray();
        byte[] unsigned = bytes.length > 32 ? Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length) : bytes;
        System.arraycopy(unsigned, 0, into, offset + 32 - unsigned.length, unsigned.length);
    }

    @Override
    public String toString() {
        return "EcdsaP256Signer[private key withheld]";
    }
}
