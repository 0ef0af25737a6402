package dev.platformimages.it;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * A Debian repository the tests make and serve themselves, as a distribution does: packages built with
 * {@code dpkg-deb}, indexed with {@code dpkg-scanpackages}, a {@code Release} listing the indexes' SHA-256, signed
 * into {@code InRelease} by {@code gpg} with a key made for the test. Served over HTTP on loopback (all interfaces, so
 * that a build with the host's network reaches it).
 */
final class AptRepository implements AutoCloseable {

    static final String SUITE = "stable";

    private final Path root;
    private final Path gnupgHome;
    private final HttpServer server;

    private AptRepository(Path root) throws IOException {
        this.root = root;
        this.gnupgHome = root.resolveSibling(root.getFileName() + "-gnupg");
        Files.createDirectories(root.resolve("debian/pool"));
        Files.createDirectories(gnupgHome);
        Files.setPosixFilePermissions(gnupgHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        server = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
        server.createContext("/", exchange -> {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    /** A repository in {@code root} with a signing key of its own, served at once. */
    static AptRepository create(Path root) {
        try {
            AptRepository repository = new AptRepository(root);
            repository.gpg("--quick-gen-key", "Platform Test Repository <repo@platform.test>", "rsa2048", "sign", "never");
            return repository;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL apt reaches it at, from this machine and from a build with the host's network. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/debian";
    }

    /** The repository's public key as a binary keyring, as apt's Signed-By takes it. */
    byte[] keyring() {
        return gpgOut("--export");
    }

    /** Builds {@code name_version_all.deb} into the pool (both versions stay: apt takes the newest). */
    void add(String name, String version) {
        try {
            Path build = Files.createTempDirectory(root.getParent(), "deb-");
            Files.createDirectories(build.resolve("DEBIAN"));
            Files.createDirectories(build.resolve("usr/share/" + name));
            Files.writeString(build.resolve("usr/share/" + name + "/VERSION"), version + "\n");
            Files.writeString(build.resolve("DEBIAN/control"), "Package: " + name + "\nVersion: " + version
                    + "\nArchitecture: all\nMaintainer: Platform Tests <tests@platform.test>\nSection: misc\nPriority: optional\n"
                    + "Description: a package of the platform image tests\n");
            run(List.of("dpkg-deb", "--root-owner-group", "-Zgzip", "--build", build.toString(),
                    root.resolve("debian/pool/" + name + "_" + version + "_all.deb").toString()), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Indexes the pool and signs the suite's Release into InRelease, as a distribution publishes an update. */
    void publish() {
        try {
            Path binary = root.resolve("debian/dists/" + SUITE + "/main/binary-amd64");
            Files.createDirectories(binary);
            // Filename: paths are relative to the repository's URL, where pool/ sits beside dists/.
            byte[] packages = run(List.of("dpkg-scanpackages", "--multiversion", "pool", "/dev/null"), root.resolve("debian"));
            Files.write(binary.resolve("Packages"), packages);
            java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(packages);
            }
            Files.write(binary.resolve("Packages.gz"), gz.toByteArray());
            StringBuilder release = new StringBuilder("Origin: Platform Tests\nLabel: Platform Tests\nSuite: " + SUITE
                    + "\nCodename: " + SUITE + "\nDate: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))
                    + "\nArchitectures: amd64 arm64\nComponents: main\nSHA256:\n");
            for (String file : List.of("main/binary-amd64/Packages", "main/binary-amd64/Packages.gz")) {
                byte[] bytes = Files.readAllBytes(binary.resolveSibling("binary-amd64").resolve(file.substring(file.lastIndexOf('/') + 1)));
                release.append(' ').append(sha256(bytes)).append(' ').append(bytes.length).append(' ').append(file).append('\n');
            }
            Path dists = root.resolve("debian/dists/" + SUITE);
            Files.writeString(dists.resolve("Release"), release);
            Files.deleteIfExists(dists.resolve("InRelease"));
            gpg("--clearsign", "-o", dists.resolve("InRelease").toString(), dists.resolve("Release").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The suite's file at {@code path} (e.g. {@code InRelease}, {@code main/binary-amd64/Packages.gz}). */
    Path file(String path) {
        return root.resolve("debian/dists/" + SUITE + "/" + path);
    }

    /** Signs the suite's Release again, with a key apt's keyring for this repository does not hold. */
    void signWithAnotherKey() {
        Path otherHome = root.resolveSibling(root.getFileName() + "-other-gnupg");
        try {
            Files.createDirectories(otherHome);
            Files.setPosixFilePermissions(otherHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            run(List.of("gpg", "--homedir", otherHome.toString(), "--batch", "--passphrase", "", "--quick-gen-key",
                    "Someone Else <else@platform.test>", "ed25519", "sign", "never"), root);
            Path dists = root.resolve("debian/dists/" + SUITE);
            Files.deleteIfExists(dists.resolve("InRelease"));
            run(List.of("gpg", "--homedir", otherHome.toString(), "--batch", "--clearsign", "-o",
                    dists.resolve("InRelease").toString(), dists.resolve("Release").toString()), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void gpg(String... args) {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", gnupgHome.toString(), "--batch", "--passphrase", ""));
        command.addAll(List.of(args));
        run(command, root);
    }

    private byte[] gpgOut(String... args) {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", gnupgHome.toString(), "--batch"));
        command.addAll(List.of(args));
        return run(command, root);
    }

    private static byte[] run(List<String> command, Path dir) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + ")");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Text of a file, for tampering in tests. */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
