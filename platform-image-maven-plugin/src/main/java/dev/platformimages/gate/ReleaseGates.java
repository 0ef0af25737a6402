package dev.platformimages.gate;

import dev.platformimages.context.BuildContext;
import dev.platformimages.context.LabelInstruction;
import dev.platformimages.dockerfile.DockerfileParser;
import dev.platformimages.engine.CommandResult;
import dev.platformimages.engine.ContainerStatus;
import dev.platformimages.engine.EngineException;
import dev.platformimages.engine.ImageEngine;
import dev.platformimages.engine.StartedContainer;
import dev.platformimages.image.ImageLabels;
import dev.platformimages.image.ImageReference;
import dev.platformimages.image.RegistryMirrors;
import dev.platformimages.registry.RegistryCredentials;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseState.PassedCheck;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.release.RunOwner;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The integration-test step: each self-test command inside the new image, then each test app built FROM the new
 * image, run with its port on 127.0.0.1 and probed over HTTP. The first failure throws; whatever was started is
 * removed in every case, also when the build is stopped while a gate runs.
 */
public final class ReleaseGates {

    /**
     * Put on every container and test image the gates create, so a clean-up (or a test) finds them, with the run that
     * made them, so that the next run removes those of a run that was killed and never those of a live one.
     */
    public static final Map<String, String> MANAGED = managedLabels();

    private static Map<String, String> managedLabels() {
        Map<String, String> labels = new java.util.LinkedHashMap<>(RunOwner.current().asLabels());
        labels.put(ImageLabels.MANAGED, "true");
        return Map.copyOf(labels);
    }
    private static final Duration SELF_TEST_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern EXPOSE = Pattern.compile("^\\s*EXPOSE\\s+(.+)$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    private final ImageEngine engine;
    private final ReleaseLog log;
    private final RegistryMirrors mirrors;
    private final Function<String, RegistryCredentials> credentials;

    /**
     * @param mirrors     platform.mirrors: a test app's own bases on a mirrored registry are read there, as the image's are
     * @param credentials the credentials for a registry host, or null
     */
    public ReleaseGates(ImageEngine engine, ReleaseLog log, RegistryMirrors mirrors,
                        Function<String, RegistryCredentials> credentials) {
        this.engine = engine;
        this.log = log;
        this.mirrors = mirrors;
        this.credentials = credentials;
    }

    /**
     * Runs every gate of {@code plan} on {@code image} (the draft, by digest), which must be the image docker-build
     * made, adding each gate passed to {@code state.checks} (which {@link DraftGates} empties first).
     * {@code workDirectory} holds the Dockerfile copies of replaceFrom-style test apps.
     */
    public void run(ReleaseState state, String image, GatePlan plan, Path workDirectory) {
        runOn(state, image, state.imageId, null, plan, workDirectory);
    }

    /**
     * The image the gates run must be what docker-build made: by its build label on any image store, or by image id
     * for a state written before the label existed.
     */
    private void requireTheBuild(ReleaseState state, String image, String expectedId) {
        if (state.buildId != null) {
            String build = engine.labels(image).get(ImageLabels.BUILD);
            if (!state.buildId.equals(build)) {
                throw new ReleaseFailure(image + " is build " + build + ", not the one docker-build made (" + state.buildId
                        + "): run the build again");
            }
            return;
        }
        String id = engine.imageId(image).orElseThrow(() -> new ReleaseFailure(
                "the engine has no image " + image + ": run docker-build first (mvn package runs it)"));
        if (!id.equals(expectedId)) {
            throw new ReleaseFailure(image + " is " + id + ", not the image docker-build made (" + expectedId
                    + "): run the build again");
        }
    }

    /**
     * As {@link #run}, for the image of one platform ({@code expectedId} is what docker-build made for it); the
     * checks passed are added to {@code state.checks}, named with the platform. This gate's engine must be the
     * engine's view for that platform ({@link ImageEngine#onPlatform}).
     */
    public void runOn(ReleaseState state, String image, String expectedId, String platform, GatePlan plan, Path workDirectory) {
        requireTheBuild(state, image, expectedId);
        plan.validate(); // a bad test app configuration fails before anything runs
        if (plan.isEmpty()) {
            log.warn("No self-test and no integration test configured: nothing checks " + image + " before it is published");
        }
        if (!plan.apps().isEmpty()) {
            Set<Integer> exposedByImage = engine.exposedTcpPorts(image);
            plan.apps().forEach(app -> checkPort(app, exposedByImage));
        }
        List<PassedCheck> passed = new ArrayList<>();
        String on = platform == null ? "" : " on " + platform;
        // Into the state as each passes: a failure further on still reports the gates that passed before it.
        for (SelfTest selfTest : plan.selfTests()) {
            PassedCheck check = named(selfTest(image, selfTest), on);
            passed.add(check);
            state.passed(check);
        }
        for (TestApp app : plan.apps()) {
            PassedCheck check = named(testApp(image, state, app, plan.failureLogLines(),
                    workDirectory.resolve(safe(app.name) + (platform == null ? "" : "-" + platform.replace('/', '-')))), on);
            passed.add(check);
            state.passed(check);
        }
        log.info("All " + passed.size() + " gate(s) passed for " + image + on + ":");
        passed.forEach(c -> log.info("  " + c.name + " (" + c.millis + " ms)"));
    }

    private static PassedCheck named(PassedCheck check, String on) {
        return on.isEmpty() ? check : new PassedCheck(check.name + on, check.millis);
    }

    /** The app must listen on a port its image EXPOSEs, or the engine publishes nothing there. */
    private void checkPort(TestApp app, Set<Integer> exposedByImage) {
        Set<Integer> exposed = new TreeSet<>(exposedByImage);
        try {
            Matcher expose = EXPOSE.matcher(Files.readString(app.dockerfile));
            while (expose.find()) {
                for (String token : expose.group(1).trim().split("\\s+")) {
                    Matcher port = Pattern.compile("(\\d+)(/tcp)?", Pattern.CASE_INSENSITIVE).matcher(token);
                    if (port.matches()) {
                        exposed.add(Integer.parseInt(port.group(1)));
                    } else if (!token.toLowerCase().endsWith("/udp")) {
                        return; // a port from an ARG or a range: cannot tell before the build, the probe will
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + app.dockerfile, e);
        }
        if (!exposed.contains(app.port)) {
            throw new ReleaseFailure(app.where + ".port is " + app.port + ", but neither the test app's Dockerfile nor the "
                    + "image under test EXPOSEs it (exposed: " + (exposed.isEmpty() ? "none" : exposed) + "): set the port "
                    + "the app listens on, or add 'EXPOSE " + app.port + "' to " + app.dockerfile);
        }
    }

    private PassedCheck selfTest(String image, SelfTest test) {
        long start = System.nanoTime();
        // Named up front, so that a build stopped while the command runs can still remove the container.
        String name = "platform-image-self-test-" + UUID.randomUUID().toString().substring(0, 12);
        CommandResult result;
        try (Cleanup cleanup = new Cleanup()) {
            cleanup.add(() -> engine.removeContainer(name));
            result = engine.run(image, test.command(), MANAGED, SELF_TEST_TIMEOUT, name);
        }
        if (result.exitCode() != 0) {
            throw new ReleaseFailure(ReleaseStep.SELF_TEST, "self-test failed: '" + test.name() + "' exited with "
                    + result.exitCode() + " in " + image, "Its output", lines(result.output()), null);
        }
        log.info("Self-test passed in " + millis(start) + " ms: " + test.name() + indent(result.output()));
        return new PassedCheck("self-test: " + test.name(), millis(start));
    }

    private PassedCheck testApp(String image, ReleaseState state, TestApp app, int logLines, Path workDirectory) {
        long start = System.nanoTime();
        String appImage = "platform-image-test/" + state.repository.replace('/', '-') + ":"
                + UUID.randomUUID().toString().substring(0, 12);
        Path tar = null;
        try (Cleanup cleanup = new Cleanup()) {
            cleanup.add(() -> engine.removeImage(appImage));
            Path dockerfile = app.dockerfileFor(image, workDirectory, log);
            BuildContext context = new BuildContext(app.context, dockerfile, Set.of());
            tar = Files.createTempFile("platform-image-test-app", ".tar");
            Path tarFile = tar;
            cleanup.add(() -> deleteQuietly(tarFile));
            Optional<String> labelInstruction = LabelInstruction.of(MANAGED); // one build step, not one per label
            try (OutputStream out = Files.newOutputStream(tar)) {
                context.writeTar(out, labelInstruction.orElse(null));
            }
            pullMirroredBases(dockerfile, app.buildArgsFor(image));
            log.info("Test app " + app.name + ": building " + app.dockerfile + " FROM " + image);
            engine.build(tar, context.dockerfileInTar(), app.buildArgsFor(image),
                    labelInstruction.isPresent() ? Map.of() : MANAGED, List.of(appImage), false,
                    line -> log.info("  " + line));
            StartedContainer container = engine.start(appImage, app.port, MANAGED);
            String cid = container.id();
            cleanup.add(() -> engine.removeContainer(cid));
            long deadline = System.nanoTime() + app.timeout.toNanos();
            log.info("Test app " + app.name + " started (container " + cid.substring(0, 12) + ", port " + app.port
                    + " on 127.0.0.1:" + container.hostPort() + ")");
            if (app.waitForHealthy) {
                waitUntilHealthy(app, cid, deadline, logLines);
            }
            log.info("Test app " + app.name + ": probing " + app.check);
            // One deadline for both waits; without a health wait the probe has the whole timeout.
            Duration left = app.waitForHealthy ? Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())) : app.timeout;
            HttpProbe.Outcome outcome = new HttpProbe().probe(container.hostPort(), app.check, left,
                    () -> engine.status(cid).running());
            if (!outcome.passed) {
                throw failed(app, app.check + ": " + outcome.detail, cid, logLines);
            }
            log.info("Integration test " + app.name + " passed in " + outcome.elapsed.toMillis() + " ms after "
                    + outcome.attempts + " request(s): " + app.check);
            return new PassedCheck("integration test " + app.name + ": " + app.check, millis(start));
        } catch (EngineException e) {
            throw new ReleaseFailure(ReleaseStep.INTEGRATION_TEST, "integration test " + app.name + " failed: "
                    + e.getMessage(), "", List.of(), e);
        } catch (IOException e) {
            throw new ReleaseFailure("cannot write the test app's build context: " + e.getMessage(), e);
        }
    }

    /**
     * The test app's other bases (a build stage's SDK, say) on a registry of platform.mirrors: pulled from the mirror
     * and named as the Dockerfile names them, so the build finds them here without reaching the upstream.
     */
    private void pullMirroredBases(Path dockerfile, Map<String, String> buildArgs) throws IOException {
        if (mirrors.isEmpty()) {
            return;
        }
        for (String image : new DockerfileParser().parse(Files.readString(dockerfile), buildArgs).upstreamImages()) {
            ImageReference upstream = ImageReference.parse(image);
            Optional<ImageReference> mirror = mirrors.mirrorOf(upstream);
            if (mirror.isEmpty() || upstream.tag() == null || upstream.digest() != null) {
                continue; // by digest it cannot be named locally as the upstream: the build pulls it itself
            }
            ImageReference from = mirror.get();
            log.info("Test app base " + upstream + " from mirror " + from);
            engine.pullPinned(from.name(), from.tag(), null, credentials.apply(from.registry()), line -> { });
            engine.tag(from.name() + ":" + from.tag(), upstream.name(), upstream.tag());
        }
    }

    /** Polls the container's HEALTHCHECK until healthy; fails when it has none, turns unhealthy, stops or times out. */
    private void waitUntilHealthy(TestApp app, String cid, long deadline, int logLines) {
        HealthWait.Outcome outcome;
        try {
            outcome = new HealthWait(engine, log).await(app.name, cid, deadline, app.timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(app, "interrupted while waiting for it to be healthy", cid, logLines);
        }
        if (!outcome.healthy()) {
            throw failed(app, outcome.detail(), cid, logLines);
        }
        log.info("Test app " + app.name + " is " + outcome.detail());
    }

    private ReleaseFailure failed(TestApp app, String what, String cid, int logLines) {
        List<String> tail = logLines == 0 ? List.of() : lines(engine.logs(cid, logLines));
        return new ReleaseFailure(ReleaseStep.INTEGRATION_TEST, "integration test " + app.name + " failed: " + what,
                "Last " + logLines + " lines of the test app's log", tail, null);
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file
        }
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static List<String> lines(String output) {
        return output == null || output.isBlank() ? List.of() : List.of(output.strip().split("\n"));
    }

    private static String indent(String output) {
        if (output == null || output.isBlank()) {
            return "";
        }
        return "\n    " + output.strip().replace("\n", "\n    ");
    }
}
