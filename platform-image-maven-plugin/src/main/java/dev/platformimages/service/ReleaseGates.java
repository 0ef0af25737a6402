package dev.platformimages.service;

import dev.platformimages.context.BuildContext;
import dev.platformimages.dockerfile.Dockerfile;
import dev.platformimages.engine.CommandResult;
import dev.platformimages.engine.EngineException;
import dev.platformimages.engine.ImageEngine;
import dev.platformimages.engine.StartedContainer;
import dev.platformimages.gate.HttpProbe;
import dev.platformimages.image.ImageLabels;
import dev.platformimages.state.ReleaseState;
import dev.platformimages.state.ReleaseState.PassedCheck;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The integration-test step: a self-test command inside the new image, then a test app built FROM the new
 * image, run with its port on 127.0.0.1 and probed over HTTP. Any failure throws; whatever was started is
 * removed in every case.
 */
public final class ReleaseGates {

    /** Put on every container and test image the gates create, so a clean-up (or a test) finds them. */
    public static final Map<String, String> MANAGED = Map.of(ImageLabels.MANAGED, "true");
    private static final Duration SELF_TEST_TIMEOUT = Duration.ofMinutes(10);
    private static final int LOG_LINES_ON_FAILURE = 100;
    /** Given to the base image arg while checking that the test app is really built on the image under test. */
    private static final String PROBE_IMAGE = "platform-image-under-test.invalid/probe:check";

    private final ImageEngine engine;
    private final ReleaseLog log;

    public ReleaseGates(ImageEngine engine, ReleaseLog log) {
        this.engine = engine;
        this.log = log;
    }

    /** Checks the test app's definition before anything is built: it must exist and build FROM the image under test. */
    public static void validate(TestApp app) {
        if (!Files.isRegularFile(app.dockerfile)) {
            throw new ReleaseFailure("integrationTest.dockerfile " + app.dockerfile + " does not exist");
        }
        Map<String, String> args = new HashMap<>(app.buildArgs);
        args.put(app.baseImageArg, PROBE_IMAGE);
        Dockerfile parsed = new ImageDefinition(app.dockerfile, app.context, Set.of(), args).parse();
        if (parsed.stages().stream().noneMatch(s -> s.from().equals(PROBE_IMAGE))) {
            throw new ReleaseFailure("integrationTest.dockerfile " + app.dockerfile + " has no FROM that uses ARG "
                    + app.baseImageArg + " (integrationTest.baseImageArg): the app would not run on the image under test. "
                    + "Declare 'ARG " + app.baseImageArg + "' before the first FROM and write 'FROM ${" + app.baseImageArg + "}'");
        }
    }

    public void run(ReleaseState state, List<String> selfTest, TestApp app) {
        String image = state.imageName() + ":" + state.versionTag;
        String id = engine.imageId(image).orElseThrow(() -> new ReleaseFailure(
                "the engine has no image " + image + ": run docker-build first (mvn package runs it)"));
        if (!id.equals(state.imageId)) {
            throw new ReleaseFailure(image + " is " + id + ", not the image docker-build made (" + state.imageId
                    + "): run the build again");
        }
        if (app != null) {
            validate(app); // a bad test app configuration fails before anything runs
        }
        if (selfTest.isEmpty() && app == null) {
            log.warn("No <selfTest> and no <integrationTest> configured: nothing checks " + image + " before it is published");
        }
        state.checks = new ArrayList<>();
        if (!selfTest.isEmpty()) {
            state.checks.add(selfTest(image, selfTest));
        }
        if (app != null) {
            state.checks.add(testApp(image, state, app));
        }
    }

    private PassedCheck selfTest(String image, List<String> command) {
        long start = System.nanoTime();
        CommandResult result = engine.run(image, command, MANAGED, SELF_TEST_TIMEOUT);
        String shown = String.join(" ", command);
        if (result.exitCode() != 0) {
            throw new ReleaseFailure(ReleaseStep.SELF_TEST, "self-test failed: '" + shown + "' exited with "
                    + result.exitCode() + " in " + image, "Its output", lines(result.output()), null);
        }
        log.info("Self-test passed in " + millis(start) + " ms: " + shown + indent(result.output()));
        return new PassedCheck("self-test: " + shown, millis(start));
    }

    private PassedCheck testApp(String image, ReleaseState state, TestApp app) {
        String appImage = "platform-image-test/" + state.repository.replace('/', '-') + ":"
                + UUID.randomUUID().toString().substring(0, 12);
        Map<String, String> args = new HashMap<>(app.buildArgs);
        args.put(app.baseImageArg, image);
        BuildContext context = new BuildContext(app.context, app.dockerfile, Set.of());
        Path tar = null;
        String containerId = null;
        try {
            tar = Files.createTempFile("platform-image-test-app", ".tar");
            try (OutputStream out = Files.newOutputStream(tar)) {
                context.writeTar(out);
            }
            log.info("Building test app " + app.dockerfile + " FROM " + image);
            engine.build(tar, context.dockerfileInTar(), args, MANAGED, List.of(appImage), line -> log.info("  " + line));
            StartedContainer container = engine.start(appImage, app.port, MANAGED);
            containerId = container.id();
            String cid = containerId;
            log.info("Test app started (container " + cid.substring(0, 12) + ", port " + app.port + " on 127.0.0.1:"
                    + container.hostPort() + "); probing " + app.check);
            HttpProbe.Outcome outcome = new HttpProbe().probe(container.hostPort(), app.check, app.timeout,
                    () -> engine.status(cid).running());
            if (!outcome.passed) {
                throw new ReleaseFailure(ReleaseStep.INTEGRATION_TEST, "integration test failed: " + app.check + ": "
                        + outcome.detail, "Last " + LOG_LINES_ON_FAILURE + " lines of the test app's log",
                        lines(engine.logs(cid, LOG_LINES_ON_FAILURE)), null);
            }
            log.info("Integration test passed in " + outcome.elapsed.toMillis() + " ms after " + outcome.attempts
                    + " request(s): " + app.check);
            return new PassedCheck("integration test: " + app.check, outcome.elapsed.toMillis());
        } catch (EngineException e) {
            throw new ReleaseFailure(ReleaseStep.INTEGRATION_TEST, "integration test failed: " + e.getMessage(),
                    "", List.of(), e);
        } catch (IOException e) {
            throw new ReleaseFailure("cannot write the test app's build context: " + e.getMessage(), e);
        } finally {
            if (containerId != null) {
                engine.removeContainer(containerId);
            }
            engine.removeImage(appImage);
            if (tar != null) {
                try {
                    Files.deleteIfExists(tar);
                } catch (IOException ignored) {
                    // temp file
                }
            }
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
