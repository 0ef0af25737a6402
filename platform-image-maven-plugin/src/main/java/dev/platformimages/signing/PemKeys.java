package dev.platformimages.signing;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Private keys in PEM files, the forms a team's existing key comes in: PKCS#8 ({@code PRIVATE KEY}), PKCS#8 encrypted
 * with a passphrase ({@code ENCRYPTED PRIVATE KEY}: PBES2, as {@code openssl pkcs8 -topk8} writes it), SEC1
 * ({@code EC PRIVATE KEY}, openssl's own), and cosign's ({@code ENCRYPTED SIGSTORE PRIVATE KEY}, older cosign's
 * {@code ENCRYPTED COSIGN PRIVATE KEY}: see {@link CosignKeyFile}). Errors say what the file is and what to do, and
 * never carry the key, the passphrase or the bytes decrypted.
 */
public final class PemKeys {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

    private PemKeys() {
    }

    /**
     * The signer of the first private key in {@code pem}.
     *
     * @param passphrase asked only for an encrypted key (it may throw, saying where the passphrase should come from)
     * @param description where the key comes from, for the log and the errors
     */
    public static EcdsaP256Signer signer(String pem, Supplier<char[]> passphrase, String description) {
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            if (!type.endsWith("PRIVATE KEY")) {
                continue;
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(description + " is not valid PEM: its " + type + " is not base64");
            }
            return EcdsaP256Signer.of(privateKey(type, der, passphrase, description), description);
        }
        throw new IllegalArgumentException(description + " holds no private key (expected -----BEGIN PRIVATE KEY-----, "
                + "ENCRYPTED PRIVATE KEY, EC PRIVATE KEY or ENCRYPTED SIGSTORE PRIVATE KEY)");
    }

    private static PrivateKey privateKey(String type, byte[] der, Supplier<char[]> passphrase, String description) {
        try {
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(der);
                case "EC PRIVATE KEY": {
                    ECPrivateKey sec1 = ECPrivateKey.getInstance(der);
                    return pkcs8(new PrivateKeyInfo(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                            org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey, sec1.getParametersObject()),
                            new ECPrivateKey(256, sec1.getKey())).getEncoded());
                }
                case "ENCRYPTED PRIVATE KEY": {
                    char[] pass = passphrase.get();
                    try {
                        PrivateKeyInfo info = new PKCS8EncryptedPrivateKeyInfo(der).decryptPrivateKeyInfo(
                                new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(new BouncyCastleProvider()).build(pass));
                        return pkcs8(info.getEncoded());
                    } finally {
                        java.util.Arrays.fill(pass, '\0');
                    }
                }
                case "ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY": {
                    char[] pass = passphrase.get();
                    try {
                        return pkcs8(CosignKeyFile.decrypt(der, pass));
                    } finally {
                        java.util.Arrays.fill(pass, '\0');
                    }
                }
                default:
                    throw new IllegalArgumentException(description + " holds a " + type + ", which is not a key this "
                            + "plugin signs with (PKCS#8, encrypted PKCS#8, SEC1 EC or a cosign key)");
            }
        } catch (PKCSException | CosignKeyFile.WrongPassphrase e) {
            throw new IllegalArgumentException("the passphrase does not open " + description);
        } catch (OperatorCreationException | IOException | GeneralSecurityException | IllegalStateException
                 | ClassCastException e) {
            // The cause is dropped: its message could quote bytes of the key.
            throw new IllegalArgumentException(description + " is not a readable " + type);
        }
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            for (String algorithm : new String[] {"RSA", "Ed25519"}) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                } catch (GeneralSecurityException ignored) {
                    // not that either
                }
            }
            throw e;
        }
    }

}
