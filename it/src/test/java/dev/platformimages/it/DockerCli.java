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

    /**
     * Publishes a fresh linux/arm64 "upstream" image: the arm64 busybox rootfs of scripts/env.sh, built FROM scratch
     * for linux/arm64 (so its config says so; docker import cannot set the architecture on this engine).
     */
    static String publishArm64Upstream(String reference) {
        Path rootfs = Path.of(Arm64.ROOTFS);
        try {
            Path context = Files.createTempDirectory("arm64-upstream");
            Files.copy(rootfs, context.resolve("rootfs.tar"));
            Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nADD rootfs.tar /\nENV PATH=/bin\n"
                    + "LABEL upstream.revision=" + UUID.randomUUID() + "\nCMD [\"/bin/sh\"]\n");
            run("build", "-q", "--platform", "linux/arm64", "-t", reference, context.toString());
            run("push", "-q", reference);
            run("rmi", reference);
            try (var files = Files.walk(context)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return reference;
    }

    /** What scripts/env.sh found about running linux/arm64 here. */
    static final class Arm64 {
        static final java.util.Map<String, String> ENV = readEnv();
        static final String ROOTFS = ENV.getOrDefault("PLATFORM_ARM64_ROOTFS", "");
        /** "ok", or why arm64 binaries cannot run on this machine. */
        static final String BINFMT = ENV.getOrDefault("PLATFORM_BINFMT", "scripts/env.sh has not run");

        private static java.util.Map<String, String> readEnv() {
            java.util.Map<String, String> env = new java.util.HashMap<>();
            try {
                for (String line : Files.readAllLines(Path.of("/var/tmp/platform-image-env/env"))) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        env.put(line.substring(0, eq), line.substring(eq + 1));
                    }
                }
            } catch (java.io.IOException e) {
                // not prepared: BINFMT says so
            }
            return env;
        }
    }

    /** Containers and images created by the plugin's gates (they carry its label) that still exist. */
    static List<String> leftovers() {
        List<String> left = new ArrayList<>();
        left.addAll(lines(run("ps", "-a", "-q", "--filter", "label=dev.platformimages.managed")));
        left.addAll(lines(run("images", "-q", "--filter", "label=dev.platformimages.managed")));
        return left;
    }

    /** The repositories the ITs create images in: it/, it-upstream/ and it-fleet-*, in every registry the ITs name. */
    private static final java.util.regex.Pattern TEST_REPOSITORY =
            java.util.regex.Pattern.compile("^[^/]+/(it|it-upstream|it-fleet-[^/]+)/.+");

    /**
     * Untags the images the tests made in the IT namespaces, which no later test uses: the engine keeps a few
     * dozen images instead of gaining about ten per test. Listing images with a filter costs the engine time per
     * image it holds (0.9 s with 600 here, 0.1 s with 100), and every gate's sweep for leftovers lists them.
     * Best effort: what cannot be removed stays.
     */
    static void removeTestImages() {
        List<String> refs = new ArrayList<>();
        for (String ref : lines(run("images", "--format", "{{.Repository}}:{{.Tag}}"))) {
            if (TEST_REPOSITORY.matcher(ref).matches() && !ref.endsWith(":<none>")) {
                refs.add(ref);
            }
        }
        for (int i = 0; i < refs.size(); i += 50) {
            List<String> args = new ArrayList<>(List.of("rmi", "-f"));
            args.addAll(refs.subList(i, Math.min(refs.size(), i + 50)));
            try {
                run(args.toArray(String[]::new));
            } catch (IllegalStateException e) {
                // best effort: an image a container still uses stays, and the leftovers check names the container
            }
        }
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
