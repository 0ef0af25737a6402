package dev.platformimages.gate;

import dev.platformimages.engine.ImageEngine;
import dev.platformimages.image.RegistryMirrors;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryCredentials;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.step.Drafts;
import dev.platformimages.step.EngineLeftovers;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The integration-test step of a release: the built image is pushed as a draft, and every gate tests that exact
 * digest (each platform of a multi-arch draft on its own platform), the scan gate last; a draft that fails is
 * deleted, so push can only promote what passed. The state records each gate passed, also after a failure.
 */
public final class DraftGates {

    /** The scan gate (ECR's findings) of a draft's images by platform ("" for a single image). */
    public interface ScanCheck {
        void check(String draftRepository, Map<String, String> images);
    }

    private final RegistryClient registry;
    private final Supplier<ImageEngine> engines;
    private final ReleaseLog log;
    private final Consumer<String> debug;
    private final RegistryMirrors mirrors;
    private final Function<String, RegistryCredentials> credentials;
    private final GatesMarker marker;

    /**
     * @param credentials the credentials for a registry host, or null; asked for at each use, never kept, so an ECR
     *                    token expiring during a long release is renewed in time
     */
    public DraftGates(RegistryClient registry, Supplier<ImageEngine> engines, ReleaseLog log, Consumer<String> debug,
                      RegistryMirrors mirrors, Function<String, RegistryCredentials> credentials, GatesMarker marker) {
        this.registry = registry;
        this.engines = engines;
        this.log = log;
        this.debug = debug;
        this.mirrors = mirrors;
        this.credentials = credentials;
        this.marker = marker;
    }

    /**
     * Pushes the draft of {@code state} and runs {@code gates} on it ({@code untested}: none, as
     * platform.allowUntested lets), then {@code scan} when not null; {@code state.tested} says whether it passed.
     */
    public void test(ReleaseState state, GatePlan gates, boolean untested, ScanCheck scan, Path testApps) {
        state.startGates();
        registry.prepareRepository(state.registry, state.repository);
        registry.prepareRepository(state.registry, state.draftRepository);
        Drafts drafts = new Drafts(registry, log);
        try (ImageEngine engine = engines.get()) {
            engine.ping();
            log.info("Engine: " + engine.describe());
            EngineLeftovers.removeThoseOfGoneRuns(engine, log);
            marker.write();
            Supplier<RegistryCredentials> draftCredentials = () -> credentials.apply(state.registry);
            String draft = drafts.push(state, engine, draftCredentials);
            try {
                if (untested) {
                    log.warn("No gate tests " + draft + " (platform.allowUntested=true): it is published untested");
                } else if (state.platforms.isEmpty()) {
                    // By digest from the registry: the engine then knows the image by the reference the gates use.
                    engine.pullPinned(state.draftName(), state.draftDigest, null, draftCredentials.get(), debug);
                    new ReleaseGates(engine, log, mirrors, credentials).run(state, draft, gates, testApps);
                } else {
                    testEachPlatform(state, engine, draftCredentials, gates, testApps);
                }
                if (scan != null) {
                    // Last: the scan runs in ECR while the tests run here.
                    // ECR scans images, not indexes: a multi-arch draft is gated platform by platform.
                    long start = System.nanoTime();
                    scan.check(state.draftRepository, state.platforms.isEmpty() ? Map.of("", state.draftDigest)
                            : state.draftPlatformDigests);
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    // Recorded like the other gates, for the release's test record: per platform of a multi-arch draft.
                    if (state.platforms.isEmpty()) {
                        state.passed(new ReleaseState.PassedCheck("scan gate: ECR findings", millis));
                    } else {
                        state.draftPlatformDigests.keySet().forEach(platform -> state.passed(
                                new ReleaseState.PassedCheck("scan gate: ECR findings on " + platform, millis)));
                    }
                }
                state.gatesPassed();
            } finally {
                engine.removeImage(draft); // only the local name; the image keeps its version tag
                if (!state.tested) {
                    drafts.delete(state); // an image that failed its gates is never promoted
                }
            }
        } finally {
            marker.delete();
        }
    }

    /** Every gate on every platform's image of the draft index, each on its own platform: one failure stops all. */
    private void testEachPlatform(ReleaseState state, ImageEngine engine, Supplier<RegistryCredentials> draftCredentials,
                                  GatePlan gates, Path testApps) {
        for (Map.Entry<String, String> platformImage : state.draftPlatformDigests.entrySet()) {
            String platform = platformImage.getKey();
            String image = state.draftName() + "@" + platformImage.getValue();
            log.info("== gates on " + platform + ": " + image);
            ImageEngine onPlatform = engine.onPlatform(platform);
            try {
                onPlatform.pullPinned(state.draftName(), platformImage.getValue(), null, draftCredentials.get(), debug);
                new ReleaseGates(onPlatform, log, mirrors, credentials)
                        .runOn(state, image, state.platformImageIds.get(platform), platform, gates, testApps);
            } catch (ReleaseFailure e) {
                throw e.within("on " + platform + " (the whole release stops: every platform published must have passed)");
            } finally {
                onPlatform.removeImage(image);
            }
        }
    }
}
