package dev.platformimages.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * cosign's encrypted private key ({@code cosign generate-key-pair}): the PEM body is JSON (go-securesystemslib's
 * {@code encrypted} package) holding the PKCS#8 key box with NaCl secretbox (XSalsa20-Poly1305) under a key
 * derived from the passphrase with scrypt: {@code {"kdf":{"name":"scrypt","params":{"N","r","p"},"salt"},
 * "cipher":{"name":"nacl/secretbox","nonce"},"ciphertext"}}, byte strings in standard base64. An empty passphrase is
 * a passphrase (cosign's {@code COSIGN_PASSWORD=""}).
 */
final class CosignKeyFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** scrypt costs beyond this are refused rather than computed (cosign writes N=32768 or 65536). */
    private static final int MAX_N = 1 << 20;

    /** The passphrase does not open the key. */
    static final class WrongPassphrase extends Exception {
        WrongPassphrase() {
            super("the passphrase does not open the key", null, false, false);
        }
    }

    private CosignKeyFile() {
    }

    /** The PKCS#8 DER of the key box in {@code body} (the PEM block's bytes). */
    static byte[] decrypt(byte[] body, char[] passphrase) throws WrongPassphrase, IOException {
        JsonNode file = JSON.readTree(body);
        JsonNode kdf = file.path("kdf");
        JsonNode params = kdf.path("params");
        if (!"scrypt".equals(kdf.path("name").asText()) || !"nacl/secretbox".equals(file.path("cipher").path("name").asText())) {
            throw new IOException("not scrypt and nacl/secretbox");
        }
        int n = params.path("N").asInt();
        int r = params.path("r").asInt();
        int p = params.path("p").asInt();
        if (n < 2 || n > MAX_N || Integer.bitCount(n) != 1 || r < 1 || r > 64 || p < 1 || p > 16) {
            throw new IOException("scrypt parameters out of range");
        }
        byte[] salt = Base64.getDecoder().decode(kdf.path("salt").asText());
        byte[] nonce = Base64.getDecoder().decode(file.path("cipher").path("nonce").asText());
        byte[] box = Base64.getDecoder().decode(file.path("ciphertext").asText());
        if (nonce.length != 24 || box.length < 16) {
            throw new IOException("nonce or ciphertext of the wrong size");
        }
        byte[] key = SCrypt.generate(utf8(passphrase), salt, n, r, p, 32);
        try {
            return unseal(key, nonce, box);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Seals {@code pkcs8} as cosign does (for tests: cosign's own keys are read, never written, by the plugin). */
    static byte[] encrypt(byte[] pkcs8, char[] passphrase, byte[] salt, byte[] nonce, int n) {
        byte[] key = SCrypt.generate(utf8(passphrase), salt, n, 8, 1, 32);
        byte[] stream = keystream(key, nonce, 32 + pkcs8.length);
        byte[] cipher = new byte[pkcs8.length];
        for (int i = 0; i < cipher.length; i++) {
            cipher[i] = (byte) (pkcs8[i] ^ stream[32 + i]);
        }
        byte[] box = new byte[16 + cipher.length];
        System.arraycopy(tag(Arrays.copyOf(stream, 32), cipher), 0, box, 0, 16);
        System.arraycopy(cipher, 0, box, 16, cipher.length);
        ObjectNode file = JSON.createObjectNode();
        ObjectNode kdf = file.putObject("kdf").put("name", "scrypt");
        kdf.putObject("params").put("N", n).put("r", 8).put("p", 1);
        kdf.put("salt", Base64.getEncoder().encodeToString(salt));
        file.putObject("cipher").put("name", "nacl/secretbox").put("nonce", Base64.getEncoder().encodeToString(nonce));
        file.put("ciphertext", Base64.getEncoder().encodeToString(box));
        return file.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** NaCl {@code crypto_secretbox_open}: {@code box} is the 16-byte Poly1305 tag, then the ciphertext. */
    private static byte[] unseal(byte[] key, byte[] nonce, byte[] box) throws WrongPassphrase {
        byte[] cipher = Arrays.copyOfRange(box, 16, box.length);
        byte[] stream = keystream(key, nonce, 32 + cipher.length);
        if (!MessageDigest.isEqual(tag(Arrays.copyOf(stream, 32), cipher), Arrays.copyOf(box, 16))) {
            throw new WrongPassphrase();
        }
        byte[] plain = new byte[cipher.length];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = (byte) (cipher[i] ^ stream[32 + i]);
        }
        return plain;
    }

    private static byte[] keystream(byte[] key, byte[] nonce, int length) {
        XSalsa20Engine salsa = new XSalsa20Engine();
        salsa.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        byte[] stream = new byte[length];
        salsa.processBytes(new byte[length], 0, length, stream, 0);
        return stream;
    }

    private static byte[] tag(byte[] oneTimeKey, byte[] cipher) {
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(oneTimeKey));
        mac.update(cipher, 0, cipher.length);
        byte[] tag = new byte[16];
        mac.doFinal(tag, 0);
        return tag;
    }

    private static byte[] utf8(char[] passphrase) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        return out;
    }
}
