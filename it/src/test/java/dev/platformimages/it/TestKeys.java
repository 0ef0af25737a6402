package dev.platformimages.it;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Signing keys the ITs make with openssl: a tool no one here wrote, as a team's own key would come. */
final class TestKeys {

    private TestKeys() {
    }

    /** Writes {@code NAME.key} (PKCS#8, P-256, unencrypted) and {@code NAME.pub} into {@code dir}; returns the key's path. */
    static Path p256(Path dir, String name) throws IOException, InterruptedException {
        openssl(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + ".key");
        openssl(dir, "pkey", "-in", name + ".key", "-pubout", "-out", name + ".pub");
        return dir.resolve(name + ".key");
    }

    static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("openssl"));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), command + ": " + out);
    }
}
