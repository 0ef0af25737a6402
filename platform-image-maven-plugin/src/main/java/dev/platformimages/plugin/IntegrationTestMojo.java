package dev.platformimages.plugin;

import dev.platformimages.engine.DockerJavaEngine;
import dev.platformimages.engine.ImageEngine;
import dev.platformimages.service.ReleaseGates;
import dev.platformimages.service.ReleaseStep;
import dev.platformimages.service.TestApp;
import dev.platformimages.state.ReleaseState;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;
import java.util.Optional;

/**
 * The release gates. First the self-test: a command run inside the new image, which must exit 0. Then, when
 * integrationTest is configured, a real test app is built FROM the new image (through a build arg),
 * run with its port published on 127.0.0.1 at a free port, and probed over HTTP until it gives the expected
 * answer or the timeout passes; its log is printed when it fails. Containers and test images are always
 * removed. Any failure fails the build, so push never runs.
 */
@Mojo(name = "integration-test", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class IntegrationTestMojo extends AbstractPlatformImageMojo {

    /**
     * The self-test command, one arg element per word, run in a fresh container of the new image with the first
     * word as entrypoint, for example {@code /bin/sh}, {@code -c}, {@code test "$(id -u)" = 1000}.
     */
    @Parameter
    protected List<String> selfTest;

    /**
     * A test app built FROM the new image and probed over HTTP: {@code dockerfile}, {@code context} (default: the
     * Dockerfile's folder), {@code baseImageArg} (default {@code PLATFORM_IMAGE}), {@code buildArgs}, {@code port}
     * (default 8080), {@code method} (default GET), {@code path} (default /), {@code body}, {@code contentType},
     * {@code expectStatus} (default 200), {@code expectBodyContains}, {@code timeoutSeconds} (default 60).
     */
    @Parameter
    protected IntegrationTest integrationTest;

    @Override
    protected ReleaseStep step() {
        return ReleaseStep.INTEGRATION_TEST;
    }

    @Override
    protected String goal() {
        return "integration-test";
    }

    @Override
    protected void run() {
        TestApp app = integrationTest == null ? null : integrationTest.toTestApp();
        Optional<ReleaseState> release = releaseToContinue();
        if (release.isEmpty()) {
            return;
        }
        ReleaseState state = release.get();
        try (ImageEngine engine = new DockerJavaEngine()) {
            engine.ping();
            new ReleaseGates(engine, releaseLog()).run(state, selfTest == null ? List.of() : selfTest, app);
            state.tested = true;
        } finally {
            // Also after a failure: the checks that passed before it are reported.
            stateStore().write(state);
        }
    }
}
