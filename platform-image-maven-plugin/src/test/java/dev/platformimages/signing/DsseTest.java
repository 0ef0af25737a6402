package dev.platformimages.signing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against the DSSE spec's own test vector (../shared/specs/dsse-protocol.md), the JDK and openssl. */
class DsseTest {

    // The spec's key: ECDSA P-256, SHA-256, deterministic RFC 6979, signature as raw r || s.
    private static final BigInteger X = new BigInteger("46950820868899156662930047687818585632848591499744589407958293238635476079160");
    private static final BigInteger Y = new BigInteger("5640078356564379163099075877009565129882514886557779369047442380624545832820");
    private static final BigInteger D = new BigInteger("97358161215184420915383655311931858321456579547487070936769975997791359926199");
    private static final String TYPE = "http://example.com/HelloWorld";
    private static final byte[] BODY = "hello world".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path work;

    @Test
    void thePreAuthenticationEncodingIsTheSpecs() {
        assertEquals("DSSEv1 29 http://example.com/HelloWorld 11 hello world", new String(Dsse.pae(TYPE, BODY), StandardCharsets.UTF_8));
        assertEquals("DSSEv1 3 t\u00e9 0 ", new String(Dsse.pae("t\u00e9", new byte[0]), StandardCharsets.UTF_8), "lengths in bytes");
    }

    @Test
    void theSpecsKeySignsExactlyTheSpecsSignature() {
        byte[] raw = EcdsaP256Signer.ofScalar(D).signRaw(Dsse.pae(TYPE, BODY));
        assertEquals("A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==",
                Base64.getEncoder().encodeToString(raw));
        byte[] envelope = Dsse.envelope(TYPE, BODY, List.of(new Dsse.Signature(raw, null)));
        assertEquals("{\"payloadType\":\"http://example.com/HelloWorld\",\"payload\":\"aGVsbG8gd29ybGQ=\",\"signatures\":[{\"sig\":"
                + "\"A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==\"}]}",
                new String(envelope, StandardCharsets.UTF_8));
    }

    @Test
    void aDerSignatureVerifiesWithTheJdkAndNotForAnotherPayload() throws Exception {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(X, Y),
                parameters.getParameterSpec(ECParameterSpec.class)));
        byte[] der = EcdsaP256Signer.ofScalar(D).signDer(Dsse.pae(TYPE, BODY));
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(Dsse.pae(TYPE, BODY));
        assertTrue(verifier.verify(der));
        verifier.initVerify(key);
        verifier.update(Dsse.pae(TYPE, "hello world!".getBytes(StandardCharsets.UTF_8)));
        assertFalse(verifier.verify(der));
    }

    @Test
    void openSslVerifiesASignatureMadeWithAKeyItGenerated() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed (scripts/env.sh installs it)");
        run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem");
        run("openssl", "pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem");
        byte[] statement = "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] pae = Dsse.pae(Dsse.IN_TOTO, statement);
        Files.write(work.resolve("pae.bin"), pae);
        Files.write(work.resolve("sig.der"), EcdsaP256Signer.fromPkcs8Pem(Files.readString(work.resolve("key.pem"))).signDer(pae));
        assertEquals("Verified OK", run("openssl", "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.der", "pae.bin").trim());
    }

    @Test
    void keysThatAreNotPlainP256Pkcs8AreRefusedWithoutShowingThem() throws Exception {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EcdsaP256Signer.fromPkcs8Pem(
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----")).getMessage().contains("encrypted"));
        String garbage = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0IGtleSBtYXRlcmlhbA==\n-----END PRIVATE KEY-----";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EcdsaP256Signer.fromPkcs8Pem(garbage));
        assertFalse(e.getMessage().contains("c2VjcmV0"), e.getMessage());
        assertEquals("EcdsaP256Signer[private key withheld]", EcdsaP256Signer.ofScalar(D).toString());
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")));
        run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "p384.pem");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EcdsaP256Signer.fromPkcs8Pem(
                Files.readString(work.resolve("p384.pem")))).getMessage().contains("another curve than P-256"));
    }

    private String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }
}
