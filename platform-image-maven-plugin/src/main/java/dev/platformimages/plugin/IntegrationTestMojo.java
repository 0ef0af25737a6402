package dev.platformimages.plugin;

import dev.platformimages.ecr.ScanGate;
import dev.platformimages.ecr.ScanPolicy;
import dev.platformimages.engine.DockerJavaEngine;
import dev.platformimages.engine.ImageEngine;
import dev.platformimages.http.Sleeper;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryCredentials;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformimages.engine.EngineException;
import dev.platformimages.service.Drafts;
import dev.platformimages.service.EngineLeftovers;
import dev.platformimages.service.RunOwner;
import dev.platformimages.service.GatePlan;
import dev.platformimages.service.ReleaseFailure;
import dev.platformimages.service.ReleaseGates;
import dev.platformimages.service.ReleaseStep;
import dev.platformimages.state.ReleaseState;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

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
public class IntegrationTestMojo extends AbstractImageDefinitionMojo {

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
        Optional<ReleaseState> release = releaseToBuild();
        if (release.isEmpty()) {
            cleanUpAfterAKilledRun();
            return;
        }
        ReleaseState state = release.get();
        state.tested = false;
        if (skipTestApps) {
            List<String> notRun = configuredTestAppNames();
            getLog().info("platform.skipTestApps=true: the self-tests are the gates"
                    + (notRun.isEmpty() ? "" : "; test apps not run: " + String.join(", ", notRun)));
        }
        ScanPolicy scan = scanPolicy();
        boolean untested = untestedRelease(gates, scan != null);
        if (untested && !state.untested) {
            throw new ReleaseFailure("no gate tests " + state.imageName() + " now, but check-update planned gates for "
                    + "it: run check-update again with the same configuration (mvn deploy runs every goal in order)");
        }
        RegistryClient registry = registryClient();
        registry.prepareRepository(state.registry, state.repository);
        registry.prepareRepository(state.registry, state.draftRepository);
        Drafts drafts = new Drafts(registry, releaseLog());
        try (ImageEngine engine = new DockerJavaEngine()) {
            engine.ping();
            getLog().info("Engine: " + engine.describe());
            EngineLeftovers.removeThoseOfGoneRuns(engine, releaseLog());
            writeGatesMarker();
            // Asked for at each use, never kept: an ECR token expiring during a long release is renewed in time.
            Supplier<RegistryCredentials> credentials = () -> credentialsOrNull(state.registry);
            String draft = drafts.push(state, engine, credentials);
            Path testApps = Path.of(project.getBuild().getDirectory(), "platform-image", "test-apps");
            try {
                if (untested) {
                    getLog().warn("No gate tests " + draft + " (platform.allowUntested=true): it is published untested");
                } else if (state.platforms.isEmpty()) {
                    // By digest from the registry: the engine then knows the image by the reference the gates use.
                    engine.pullPinned(state.draftName(), state.draftDigest, null, credentials.get(), line -> getLog().debug(line));
                    new ReleaseGates(engine, releaseLog(), mirrors(), this::credentialsOrNull).run(state, draft, gates, testApps);
                } else {
                    testEachPlatform(state, engine, credentials, gates, testApps);
                }
                if (scan != null) {
                    // Last: the scan runs in ECR while the tests run here.
                    // ECR scans images, not indexes: a multi-arch draft is gated platform by platform.
                    Map<String, String> images = state.platforms.isEmpty() ? Map.of("", state.draftDigest)
                            : state.draftPlatformDigests;
                    new ScanGate(ecr().orElseThrow(), releaseLog(), Sleeper.REAL)
                            .check(state.draftRepository, images, scan, Duration.ofSeconds(scanTimeoutSeconds));
                }
                state.tested = true;
            } finally {
                engine.removeImage(draft); // only the local name; the image keeps its version tag
                if (!state.tested) {
                    drafts.delete(state); // an image that failed its gates is never promoted
                }
            }
        } finally {
            // Also after a failure: the checks that passed before it are reported.
            stateStore().write(state);
            deleteQuietly(gatesMarker());
        }
    }

    /**
     * Marks, in target/, that this run's gates are running: a run killed there (kill -9, an OOM kill) leaves it, and
     * the next run of this module, even one with nothing to release, then removes what the killed run left on the
     * engine. A run that ends normally removes the marker and its containers itself.
     */
    private Path gatesMarker() {
        return Path.of(project.getBuild().getDirectory(), "platform-image", "gates-running.json");
    }

    private void writeGatesMarker() {
        try {
            Files.createDirectories(gatesMarker().getParent());
            Files.writeString(gatesMarker(), new ObjectMapper().writeValueAsString(RunOwner.current().asLabels()));
        } catch (IOException e) {
            getLog().warn("Could not write " + gatesMarker() + ": " + e.getMessage());
        }
    }

    /** With nothing to release: when the last run was killed during its gates, removes what it left on the engine. */
    private void cleanUpAfterAKilledRun() {
        Path marker = gatesMarker();
        if (!Files.isRegularFile(marker)) {
            return; // the usual no-op run needs no engine
        }
        Optional<RunOwner> owner;
        try {
            owner = RunOwner.from(new ObjectMapper().readValue(marker.toFile(),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { }));
        } catch (IOException e) {
            owner = Optional.empty();
        }
        if (owner.isPresent() && !owner.get().isGone()) {
            return; // its run is alive: a concurrent build of this module
        }
        getLog().info("The last run of this module was stopped during its gates (" + owner.map(RunOwner::toString)
                .orElse("unknown run") + "): removing what it left on the engine");
        try (ImageEngine engine = new DockerJavaEngine()) {
            engine.ping();
            EngineLeftovers.removeThoseOfGoneRuns(engine, releaseLog());
            deleteQuietly(marker);
        } catch (EngineException e) {
            getLog().warn("Could not remove what the stopped run left on the engine: " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a marker that stays only makes the next run look once more
        }
    }

    /** Every gate on every platform's image of the draft index, each on its own platform: one failure stops all. */
    private void testEachPlatform(ReleaseState state, ImageEngine engine, Supplier<RegistryCredentials> credentials, GatePlan gates,
                                  Path testApps) {
        state.checks = new ArrayList<>();
        for (Map.Entry<String, String> platformImage : state.draftPlatformDigests.entrySet()) {
            String platform = platformImage.getKey();
            String image = state.draftName() + "@" + platformImage.getValue();
            getLog().info("== gates on " + platform + ": " + image);
            ImageEngine onPlatform = engine.onPlatform(platform);
            try {
                onPlatform.pullPinned(state.draftName(), platformImage.getValue(), null, credentials.get(), line -> getLog().debug(line));
                new ReleaseGates(onPlatform, releaseLog(), mirrors(), this::credentialsOrNull)
                        .runOn(state, image, state.platformImageIds.get(platform), platform, gates, testApps);
            } catch (ReleaseFailure e) {
                throw e.within("on " + platform + " (the whole release stops: every platform published must have passed)");
            } finally {
                onPlatform.removeImage(image);
            }
        }
    }
}
