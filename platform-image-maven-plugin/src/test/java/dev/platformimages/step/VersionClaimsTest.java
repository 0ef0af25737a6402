package dev.platformimages.step;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platformimages.decision.UpdateReason;
import dev.platformimages.registry.HttpRegistryClient;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.MediaTypes;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.RunOwner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Claims on a version: taken when no other live claim is there, stepped back from when one is, expired when stale. */
class VersionClaimsTest {

    private static final String REPO = "platform/busybox";
    private static final String DRAFTS = "platform/busybox-drafts";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final RecordingLog log = new RecordingLog();
    private final List<Duration> waits = new ArrayList<>();
    private Manifest draft;
    private ReleaseState state;
    /** Runs while this build steps back, to play the other build. */
    private Runnable duringWait = () -> { };

    @BeforeEach
    void draft() {
        draft = PublisherTest.manifest("sha256:cfg2", "sha256:layer2");
        registry.put(DRAFTS, "draft-1.1.0-cfg2", draft, "sha256:cfg2", "sha256:layer2");
        state = new ReleaseState();
        state.registry = "127.0.0.1:5000";
        state.repository = REPO;
        state.draftRepository = DRAFTS;
        state.version = "1.1.0";
        state.versionTag = "1.35-stable-1.1.0";
        state.reason = UpdateReason.FORCED;
        state.draftDigest = draft.digest();
    }

    private VersionClaims claims() {
        return new VersionClaims(registry, log, wait -> {
            waits.add(wait);
            duringWait.run();
        }, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Another build's claim on {@code version}, expiring at {@code expires}. */
    private void rivalClaim(String version, String run, Instant expires) {
        rivalClaim(version, run, expires, new RunOwner("agent-7", 4242, "2026-12-01T11:00:00Z"));
    }

    private void rivalClaim(String version, String run, Instant expires, RunOwner owner) {
        ObjectNode json = new ObjectMapper().createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST);
        ObjectNode annotations = json.putObject("annotations").put(VersionClaims.RUN, run);
        owner.asLabels().forEach(annotations::put);
        annotations.put(VersionClaims.EXPIRES, expires.toString());
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        registry.put(DRAFTS, VersionClaims.PREFIX + version + "-" + run, new Manifest(body, MediaTypes.OCI_MANIFEST,
                HttpRegistryClient.sha256(body)));
    }

    private List<String> claimTags() {
        return registry.tags.get(DRAFTS).keySet().stream().filter(t -> t.startsWith(VersionClaims.PREFIX)).sorted().toList();
    }

    @Test
    void aClaimWithNoRivalIsTakenAndReleased() {
        VersionClaims.Claim claim = claims().claim(state, draft);
        assertTrue(claim.tagged().tag().matches("claim-1\\.1\\.0-[0-9a-f]{12}"), claim::toString);
        assertEquals(List.of(claim.tagged().tag()), claimTags());
        assertNotEquals(draft.digest(), claim.digest(), "a claim is a manifest of its own: deleting it deletes nothing else");
        claims().release(claim);
        assertEquals(List.of(), claimTags());
        assertEquals(draft.digest(), registry.digest(DRAFTS, "draft-1.1.0-cfg2").orElseThrow(), "the draft stays");
        assertEquals(List.of(), waits);
    }

    @Test
    void aRivalThatPublishesWhileThisBuildStepsBackWinsAndItsDigestIsNamed() {
        rivalClaim("1.1.0", "rival", NOW.plusSeconds(60));
        Manifest theirs = PublisherTest.manifest("sha256:cfg9", "sha256:layer9");
        duringWait = () -> registry.put(REPO, "1.35-stable-1.1.0", theirs);

        String message = assertThrows(ReleaseFailure.class, () -> claims().claim(state, draft)).getMessage();

        assertEquals("127.0.0.1:5000/platform/busybox:1.35-stable-1.1.0 was published by another build at the same time ("
                + theirs.digest() + "); this build's image (" + draft.digest() + ") was not published and no floating tag moved",
                message);
        assertEquals(List.of("claim-1.1.0-rival"), claimTags(), "this build's claim is gone, the rival's is its own");
        assertEquals(1, waits.size());
        assertTrue(log.messages().stream().anyMatch(m -> m.startsWith("Another build claims 1.35-stable-1.1.0 too (run rival "
                + "on agent-7): stepping back")), log.lines::toString);
    }

    @Test
    void aRivalThatHoldsOnThroughEveryRoundStopsThisBuild() {
        rivalClaim("1.1.0", "rival", NOW.plusSeconds(60));
        String message = assertThrows(ReleaseFailure.class, () -> claims().claim(state, draft)).getMessage();
        assertTrue(message.startsWith("127.0.0.1:5000/platform/busybox:1.35-stable-1.1.0 is claimed by other builds at the "
                + "same time (run rival on agent-7) through 6 rounds"), message);
        assertEquals(VersionClaims.ROUNDS, waits.size());
        assertEquals(List.of("claim-1.1.0-rival"), claimTags());
    }

    @Test
    void aRivalThatStepsBackLetsThisBuildGoOnInTheNextRound() {
        rivalClaim("1.1.0", "rival", NOW.plusSeconds(60));
        duringWait = () -> registry.tags.get(DRAFTS).remove("claim-1.1.0-rival");
        VersionClaims.Claim claim = claims().claim(state, draft);
        assertEquals(List.of(claim.tagged().tag()), claimTags());
        assertEquals(1, waits.size());
    }

    @Test
    void expiredClaimsOfStoppedBuildsAreDeletedAndClaimsOfOtherVersionsDoNotCount() {
        rivalClaim("1.1.0", "crashed", NOW.minusSeconds(1));
        rivalClaim("1.0.9", "crashed2", NOW.minusSeconds(1));
        rivalClaim("1.2.0", "other", NOW.plusSeconds(600));
        VersionClaims.Claim claim = claims().claim(state, draft);
        assertEquals(List.of(claim.tagged().tag(), "claim-1.2.0-other"), claimTags());
        assertEquals(List.of(), waits);
    }

    @Test
    void theClaimOfABuildWhoseProcessIsGoneOnThisHostIsDeletedAtOnce() {
        RunOwner dead = new RunOwner(RunOwner.current().host(), Long.MAX_VALUE - 1, "2026-12-01T11:00:00Z");
        rivalClaim("1.1.0", "killed", NOW.plusSeconds(600), dead);
        RunOwner alive = RunOwner.current();
        rivalClaim("1.2.0", "alive", NOW.plusSeconds(600), alive);
        VersionClaims.Claim claim = claims().claim(state, draft);
        assertEquals(List.of(claim.tagged().tag(), "claim-1.2.0-alive"), claimTags());
        assertEquals(List.of(), waits);
        assertTrue(dead.isGone() && !alive.isGone() && !new RunOwner("agent-7", 1, "x").isGone(),
                "only a run of this host whose process is gone counts as gone");
    }

    @Test
    void theClaimOfAnIndexDraftIsAnIndexOfTheSamePlatformImages() {
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[{\"digest\":\"sha256:a\"}]}";
        Manifest indexDraft = new Manifest(index.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_INDEX, "sha256:idx");
        Manifest claim = claims().claimManifest(indexDraft, "run1");
        assertEquals(MediaTypes.OCI_INDEX, claim.mediaType());
        assertEquals(List.of("sha256:a"), claim.children());
        assertEquals(List.of("sha256:cfg2", "sha256:layer2"), claims().claimManifest(draft, "run1").blobs());
    }
}
