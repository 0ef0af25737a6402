package dev.platformimages.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The docker CLI, for what the tests set up around the plugin: upstream images, and looking for leftovers. */
final class DockerCli {

    /** The busybox root filesystem scripts/env.sh prepares. */
    private static final Path ROOTFS = Path.of(System.getProperty("it.busyboxRootfs",
            "/var/tmp/platform-image-env/busybox-rootfs.tar"));

    private DockerCli() {
    }

    /** Publishes a fresh "upstream" image (a new digest each call) under {@code reference} in the test registry. */
    static String publishUpstream(String reference) {
        if (!Files.isRegularFile(ROOTFS)) {
            throw new IllegalStateException(ROOTFS + " is missing: run scripts/env.sh first");
        }
        run("import", "-c", "LABEL upstream.revision=" + UUID.randomUUID(), "-c", "ENV PATH=/bin", "-c", "CMD [\"/bin/sh\"]",
                ROOTFS.toString(), reference);
        run("push", "-q", reference);
        return reference;
    }

    /** Containers and images created by the plugin's gates (they carry its label) that still exist. */
    static List<String> leftovers() {
        List<String> left = new ArrayList<>();
        left.addAll(lines(run("ps", "-a", "-q", "--filter", "label=dev.platformimages.managed")));
        left.addAll(lines(run("images", "-q", "--filter", "label=dev.platformimages.managed")));
        return left;
    }

    static String run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run docker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines(String out) {
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.trim());
            }
        }
        return lines;
    }
}
