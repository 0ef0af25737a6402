package dev.platformimages.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A CNCF distribution registry process of a test's own (Debian's docker-registry), on a free port of 127.0.0.1
 * with its storage in target/it, so that a test can kill it and start it again over the same storage: what a
 * registry restart looks like.
 */
final class RegistryProcess implements AutoCloseable {

    private final Path config;
    private final Path log;
    final int port;
    private Process process;

    RegistryProcess(String name) {
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("it.workDirectory", "target/it"))
                    .toAbsolutePath().resolve(name + "-registry-" + java.util.UUID.randomUUID().toString().substring(0, 8)));
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            config = dir.resolve("registry.yml");
            log = dir.resolve("registry.log");
            Files.writeString(config, "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: "
                    + dir.resolve("data") + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        start();
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    /** Starts the process and waits (up to 30 s, polling /v2/) until it answers. */
    void start() {
        try {
            process = new ProcessBuilder("docker-registry", "serve", config.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start docker-registry (scripts/env.sh installs it)", e);
        }
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://" + address() + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("docker-registry on " + address() + " did not answer within 30 s (log: " + log + ")");
    }

    /** SIGKILL, as a crash or an OOM kill: no graceful shutdown. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
