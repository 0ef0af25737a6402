package dev.platformimages.gate;

import dev.platformimages.engine.CommandResult;
import dev.platformimages.image.ImageLabels;
import dev.platformimages.image.RegistryMirrors;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.MediaTypes;
import dev.platformimages.registry.RegistryCredentials;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.step.FakeEngine;
import dev.platformimages.step.InMemoryRegistry;
import dev.platformimages.step.RecordingLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The integration-test step with a fake engine and an in-memory registry: what is tested, kept and deleted. */
class DraftGatesTest {

    private static final String REGISTRY = "127.0.0.1:5000";
    private static final String DRAFTS = "platform/busybox-drafts";
    private static final String BUILD = "build-7";

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final RecordingLog log = new RecordingLog();
    private final List<String> events = new ArrayList<>();
    @TempDir
    Path target;
    private ReleaseState state;
    private int selfTestExit;

    @BeforeEach
    void aBuiltRelease() {
        state = new ReleaseState();
        state.registry = REGISTRY;
        state.repository = "platform/busybox";
        state.draftRepository = DRAFTS;
        state.tag = "1.35-stable";
        state.version = "1.1.0";
        state.versionTag = "1.35-stable-1.1.0";
        state.imageId = "sha256:0123456789abcdef";
        state.buildId = BUILD;
    }

    /** An engine whose push puts the built image (config labelled with its build) into the registry. */
    private final class Engine extends FakeEngine {
        @Override
        public Optional<String> imageId(String reference) {
            return Optional.of(state.imageId);
        }

        @Override
        public Map<String, String> labels(String reference) {
            return Map.of(ImageLabels.BUILD, BUILD);
        }

        @Override
        public void tag(String image, String repository, String tag) {
        }

        @Override
        public void push(String repository, String tag, RegistryCredentials credentials, Consumer<String> out) {
            String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"" + ImageLabels.BUILD
                    + "\":\"" + BUILD + "\"}}}";
            String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST
                    + "\",\"config\":{\"digest\":\"sha256:cfg\"},\"layers\":[{\"digest\":\"sha256:layer\"}]}";
            registry.blobContents.put("sha256:cfg", config.getBytes(StandardCharsets.UTF_8));
            registry.put(repository.substring(repository.indexOf('/') + 1), tag,
                    new Manifest(manifest.getBytes(StandardCharsets.UTF_8), MediaTypes.DOCKER_MANIFEST, "sha256:draft"),
                    "sha256:cfg", "sha256:layer");
            events.add("push " + tag);
        }

        @Override
        public void pullPinned(String repository, String digest, String tag, RegistryCredentials credentials, Consumer<String> out) {
            events.add("pull " + digest);
        }

        @Override
        public CommandResult run(String image, List<String> command, Map<String, String> labels, Duration timeout, String name) {
            events.add("self-test on " + image);
            return new CommandResult(selfTestExit, selfTestExit == 0 ? "ok" : "boom");
        }
    }

    private GatePlan selfTest() {
        return new GatePlan(List.of(new SelfTest("true", List.of("/bin/true"))), List.of(), 20);
    }

    private void test(GatePlan plan, boolean untested, DraftGates.ScanCheck scan) {
        new DraftGates(registry, Engine::new, log, line -> { }, RegistryMirrors.none(), host -> null, new GatesMarker(target, log))
                .test(state, plan, untested, scan, target.resolve("test-apps"));
    }

    @Test
    void theGatesTestTheDraftDigestAndAPassingDraftStaysForPush() {
        List<String> scanned = new ArrayList<>();

        test(selfTest(), false, (repository, images) -> scanned.add(repository + " " + images));

        assertTrue(state.tested);
        assertEquals("sha256:draft", state.draftDigest);
        assertEquals(List.of("push " + state.draftTag, "pull sha256:draft", "self-test on " + REGISTRY + "/" + DRAFTS + "@sha256:draft"),
                events);
        assertEquals(List.of(DRAFTS + " {=sha256:draft}"), scanned, "the scan gate comes last, on the draft");
        assertEquals(List.of("self-test: true", "scan gate: ECR findings"), state.checks.stream().map(c -> c.name).toList(),
                "the scan gate is recorded with the others, for the test record");
        assertEquals(Optional.of("sha256:draft"), registry.digest(DRAFTS, state.draftTag));
        assertFalse(Files.exists(target.resolve("platform-image/gates-running.json")), "the marker goes with the run");
    }

    @Test
    void aDraftThatFailsAGateIsDeletedAndNothingIsMarkedTested() {
        selfTestExit = 1;

        assertThrows(ReleaseFailure.class, () -> test(selfTest(), false, null));

        assertFalse(state.tested);
        assertEquals(Optional.empty(), registry.digest(DRAFTS, state.draftTag));
        assertFalse(Files.exists(target.resolve("platform-image/gates-running.json")));
    }

    @Test
    void aFailedScanAfterPassingTestsDeletesTheDraftToo() {
        assertThrows(ReleaseFailure.class, () -> test(selfTest(), false, (repository, images) -> {
            throw new ReleaseFailure("the scan gate failed");
        }));

        assertFalse(state.tested);
        assertEquals(1, state.checks.size(), "the self-test that passed is still reported");
        assertEquals(Optional.empty(), registry.digest(DRAFTS, state.draftTag));
    }

    @Test
    void anUntestedReleaseRunsNoGateAndSaysSo() {
        test(new GatePlan(List.of(), List.of(), 20), true, null);

        assertTrue(state.tested);
        assertEquals(List.of("push " + state.draftTag), events);
        assertTrue(log.lines.stream().anyMatch(l -> l.contains("platform.allowUntested=true")), log.lines::toString);
    }
}
