package dev.platformimages.plugin;

import dev.platformimages.clock.Sleeper;
import dev.platformimages.ecr.ScanPolicy;
import dev.platformimages.engine.DockerJavaEngine;
import dev.platformimages.gate.DraftGates;
import dev.platformimages.gate.GatePlan;
import dev.platformimages.gate.GatesMarker;
import dev.platformimages.gate.ScanGate;
import dev.platformimages.plugin.config.ScanConfiguration;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.step.AgentReleases;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The release gates. The built image is first pushed as a draft (to the draft repository), and the gates test
 * that exact digest, so push promotes byte for byte what was tested; a draft that fails is deleted. First the
 * self-tests: commands run inside the new image, each of which must exit 0. Then
 * each test app: built FROM the new image (through a build arg, or a FROM line replaced in a copy of its
 * Dockerfile), run with its port published on 127.0.0.1 at a free port, optionally waited on until its
 * HEALTHCHECK says healthy, and probed over HTTP until it gives the expected answer or the timeout passes; a
 * failed container's log is printed. Containers and test images are always removed, also on Ctrl-C. Any
 * failure fails the build, so push never runs.
 */
@Mojo(name = "integration-test", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class IntegrationTestMojo extends AbstractGatedMojo {

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
        GatePlan gates = gates();
        Path buildDirectory = Path.of(project.getBuild().getDirectory());
        GatesMarker marker = new GatesMarker(buildDirectory, hub().log());
        Optional<ReleaseState> release = hub().releaseToBuild(goal());
        if (release.isEmpty()) {
            marker.cleanUpAfterAKilledRun(DockerJavaEngine::new);
            return;
        }
        ReleaseState state = release.get();
        if (skipTestApps) {
            List<String> notRun = configuredGates().testAppNames();
            getLog().info("platform.skipTestApps=true: the self-tests are the gates"
                    + (notRun.isEmpty() ? "" : "; test apps not run: " + String.join(", ", notRun)));
        }
        ScanPolicy scanPolicy = scanPolicy();
        boolean untested = configuredGates().untestedRelease(gates, scanPolicy != null, registry + "/" + repository);
        if (untested && !state.untested) {
            throw new ReleaseFailure("no gate tests " + state.imageName() + " now, but check-update planned gates for "
                    + "it: run check-update again with the same configuration (mvn deploy runs every goal in order)");
        }
        Duration scanTimeout = Duration.ofSeconds(ScanConfiguration.resolve(scan, properties()).timeoutSeconds());
        DraftGates.ScanCheck scanCheck = scanPolicy == null ? null : (repository, images) ->
                new ScanGate(hub().ecr().orElseThrow(), hub().log(), Sleeper.REAL)
                        .check(repository, images, scanPolicy, scanTimeout);
        AgentReleases agents = state.byAgents() ? new AgentReleases(hub().registryClient(), hub().log()) : null;
        try {
            new DraftGates(hub().registryClient(), DockerJavaEngine::new, hub().log(), getLog()::debug, mirrors(),
                    hub()::credentialsOrNull, marker)
                    .test(state, gates, untested, scanCheck, buildDirectory.resolve("platform-image").resolve("test-apps"));
            if (agents != null) {
                agents.recordGates(state, null); // what the assemble goal reads: this platform's draft passed
            }
        } catch (ReleaseFailure e) {
            if (agents != null) {
                agents.recordGates(state, e.getMessage()); // the assemble goal then names this failure
            }
            throw e;
        } finally {
            // Also after a failure: the checks that passed before it are reported.
            hub().stateStore().write(state);
        }
    }
}
