package dev.platformimages.signing;

import dev.platformimages.kms.AwsKeyService;
import dev.platformimages.kms.FakeKms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The key forms a team brings: each is read into a signer whose public key is the one the tool that made the key
 * printed, and whose signatures that tool verifies. The keys are made by tools no one here wrote: openssl (PKCS#8,
 * encrypted PKCS#8, SEC1) at test time, and node's scrypt with tweetnacl's secretbox for cosign's format
 * ({@code make-cosign-key.js}).
 */
class SigningKeysTest {

    private static final byte[] MESSAGE = "sign me".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path work;

    @Test
    void cosignKeyOpensWithItsPassphraseOnlyAndSignsForItsPublicKey() throws IOException {
        String pem = resource("cosign-node.key");
        ImageSigner signer = PemKeys.signer(pem, "correct horse"::toCharArray, "cosign.key");
        assertArrayEquals(SignatureCheck.publicKey(resource("cosign-node.pub")).getEncoded(), signer.publicKey().getEncoded());
        assertTrue(SignatureCheck.verifies(signer.publicKey(), MESSAGE, signer.sign(MESSAGE)));

        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> PemKeys.signer(pem, "wrong horse"::toCharArray, "cosign.key"));
        assertEquals("the passphrase does not open cosign.key", wrong.getMessage());
    }

    @Test
    void cosignFormatRoundTripsAndAnEmptyPassphraseIsAPassphrase() throws Exception {
        EcdsaP256Signer original = EcdsaP256Signer.ofScalar(new java.math.BigInteger("1234567890123456789"));
        byte[] pkcs8 = pkcs8(original);
        byte[] sealed = CosignKeyFile.encrypt(pkcs8, new char[0], new byte[32], new byte[24], 1024);
        String pem = "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(sealed) + "\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n";
        assertArrayEquals(original.publicKey().getEncoded(), PemKeys.signer(pem, () -> new char[0], "k").publicKey().getEncoded());
        assertThrows(IllegalArgumentException.class, () -> PemKeys.signer(pem, "x"::toCharArray, "k"));
    }

    @Test
    void opensslKeysInEveryFormAreReadAndTheirSignaturesVerifyWithOpenssl() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem");
        openssl("pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem");
        openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-passout", "pass:s3cret phrase", "-in", "key.pem", "-out", "encrypted.pem");
        openssl("ec", "-in", "key.pem", "-out", "sec1.pem");
        byte[] expected = SignatureCheck.publicKey(Files.readString(work.resolve("pub.pem"))).getEncoded();
        assertTrue(Files.readString(work.resolve("sec1.pem")).contains("BEGIN EC PRIVATE KEY"));
        assertTrue(Files.readString(work.resolve("encrypted.pem")).contains("BEGIN ENCRYPTED PRIVATE KEY"));
        for (String file : List.of("key.pem", "sec1.pem", "encrypted.pem")) {
            ImageSigner signer = PemKeys.signer(Files.readString(work.resolve(file)), "s3cret phrase"::toCharArray, file);
            assertArrayEquals(expected, signer.publicKey().getEncoded(), file);
            Files.write(work.resolve("message"), MESSAGE);
            Files.write(work.resolve("sig"), signer.sign(MESSAGE));
            openssl("dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig", "message");
        }
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> PemKeys.signer(Files.readString(work.resolve("encrypted.pem")), "guess"::toCharArray, "encrypted.pem"));
        assertEquals("the passphrase does not open encrypted.pem", wrong.getMessage());
    }

    @Test
    void otherKeysAreRefusedSayingWhatTheyAre() throws Exception {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.pem");
        IllegalArgumentException rsa = assertThrows(IllegalArgumentException.class,
                () -> PemKeys.signer(Files.readString(work.resolve("rsa.pem")), () -> new char[0], "rsa.pem"));
        assertEquals("the key is a RSA key; signing takes an EC P-256 key", rsa.getMessage());
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "p384.pem");
        assertEquals("the key is an EC key of another curve than P-256", assertThrows(IllegalArgumentException.class,
                () -> PemKeys.signer(Files.readString(work.resolve("p384.pem")), () -> new char[0], "p384.pem")).getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> PemKeys.signer(resource("cosign-node.pub"), () -> new char[0], "cosign.pub"));
        assertTrue(none.getMessage().startsWith("cosign.pub holds no private key"), none.getMessage());
    }

    @Test
    void aKmsKeySignsThroughKmsWithTheDigestOnlyAndItsPublicKeyComesFromKms() {
        try (FakeKms kms = new FakeKms()) {
            kms.createKey("alias/platform-images");
            System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
            System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
            KeyLocation location = KeyLocation.parse("awskms://" + kms.endpoint() + "/alias/platform-images", work);
            KmsSigner signer = new KmsSigner(AwsKeyService.open(FakeKms.REGION, location.kmsEndpoint(), null, null, 2),
                    location.kmsKey());
            assertArrayEquals(kms.key("alias/platform-images").getPublic().getEncoded(), signer.publicKey().getEncoded());
            assertTrue(SignatureCheck.verifies(signer.publicKey(), MESSAGE, signer.sign(MESSAGE)));
            assertFalse(SignatureCheck.verifies(signer.publicKey(), "other".getBytes(StandardCharsets.UTF_8), signer.sign(MESSAGE)));
            String body = kms.server().getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString())
                    .filter(b -> b.contains("Message")).findFirst().orElseThrow();
            assertFalse(body.contains(java.util.Base64.getEncoder().encodeToString(MESSAGE)), "only the digest is sent");
            IllegalStateException missing = assertThrows(IllegalStateException.class,
                    () -> new KmsSigner(AwsKeyService.open(FakeKms.REGION, kms.endpoint(), null, null, 1), "alias/none").publicKey());
            assertTrue(missing.getMessage().startsWith("KMS GetPublicKey of alias/none failed: NotFoundException"), missing.getMessage());
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void keyLocationsReadAsCosignWritesThem() {
        KeyLocation arn = KeyLocation.parse("awskms:///arn:aws:kms:us-east-2:111122223333:key/1234abcd", work);
        assertEquals("arn:aws:kms:us-east-2:111122223333:key/1234abcd", arn.kmsKey());
        assertEquals("us-east-2", arn.arnRegion());
        assertEquals(null, arn.kmsEndpoint());
        KeyLocation alias = KeyLocation.parse("awskms://localhost:4566/alias/signing", work);
        assertEquals("alias/signing", alias.kmsKey());
        assertEquals("localhost:4566", alias.kmsEndpoint());
        assertEquals(null, alias.arnRegion());
        assertEquals(work.resolve("keys/cosign.key"), KeyLocation.parse("keys/cosign.key", work).file());
        assertThrows(IllegalArgumentException.class, () -> KeyLocation.parse("awskms://", work));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyLocation.parse("gcpkms://projects/x", work))
                .getMessage().contains("not gcpkms://"));
    }

    private static byte[] pkcs8(EcdsaP256Signer signer) throws Exception {
        java.lang.reflect.Field d = EcdsaP256Signer.class.getDeclaredField("d");
        d.setAccessible(true);
        java.math.BigInteger scalar = (java.math.BigInteger) d.get(signer);
        java.security.spec.ECParameterSpec spec = ((java.security.interfaces.ECPublicKey) signer.publicKey()).getParams();
        return java.security.KeyFactory.getInstance("EC").generatePrivate(new java.security.spec.ECPrivateKeySpec(scalar, spec)).getEncoded();
    }

    private String resource(String name) throws IOException {
        try (var in = SigningKeysTest.class.getResourceAsStream("/signing/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }
}
