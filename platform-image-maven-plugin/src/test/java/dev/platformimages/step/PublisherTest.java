package dev.platformimages.step;

import dev.platformimages.decision.UpdateReason;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.MediaTypes;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.release.RunOwner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Promotion of a tested draft: byte-for-byte manifest copy, check-and-set on the version tag, resumable. */
class PublisherTest {

    private static final String REPO = "platform/busybox";
    private static final String DRAFTS = "platform/busybox-drafts";
    private static final List<String> FLOATING = List.of("latest", "1.35-stable");

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final RecordingLog releaseLog = new RecordingLog();
    private final List<String> log = releaseLog.lines;
    private Manifest draft;
    private ReleaseState state;

    static Manifest manifest(String config, String layer) {
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":{\"digest\":\""
                + config + "\"},\"layers\":[{\"digest\":\"" + layer + "\"}]}";
        return new Manifest(json.getBytes(StandardCharsets.UTF_8), MediaTypes.DOCKER_MANIFEST, "sha256:m-" + config.substring(7));
    }

    @BeforeEach
    void draftPushedAndTested() {
        draft = manifest("sha256:cfg2", "sha256:layer2");
        registry.put(DRAFTS, "draft-1.1.0-cfg2", draft, "sha256:cfg2", "sha256:layer2");
        Manifest previous = manifest("sha256:cfg1", "sha256:layer1");
        registry.put(REPO, "1.35-stable-1.0.0", previous, "sha256:cfg1", "sha256:layer1");
        registry.put(REPO, "latest", previous);
        registry.put(REPO, "1.35-stable", previous);
        state = new ReleaseState();
        state.registry = "127.0.0.1:5000";
        state.repository = REPO;
        state.tag = "1.35-stable";
        state.reason = UpdateReason.FORCED;
        state.versionTag = "1.35-stable-1.1.0";
        state.version = "1.1.0";
        state.draftRepository = DRAFTS;
        state.draftTag = "draft-1.1.0-cfg2";
        state.draftDigest = draft.digest();
        state.floatingTags = FLOATING;
        state.tested = true;
    }

    private Publisher publisher() {
        return new Publisher(registry, new Drafts(registry, releaseLog), releaseLog);
    }

    @Test
    void theTestedDraftIsCopiedByteForByteWithItsBlobsMountedThenTheFloatingTagsMoveAndTheDraftGoes() {
        publisher().publish(state, FLOATING);

        assertEquals(Optional.of(draft.digest()), registry.digest(REPO, "1.35-stable-1.1.0"));
        assertEquals(Optional.of(draft.digest()), registry.digest(REPO, "latest"));
        assertEquals(Optional.of(draft.digest()), registry.digest(REPO, "1.35-stable"));
        assertEquals(draft.digest(), state.publishedDigest);
        assertEquals(FLOATING, state.movedTags);
        assertEquals(Optional.empty(), registry.digest(DRAFTS, "draft-1.1.0-cfg2"), "the draft is deleted");
        List<String> calls = registry.calls.stream().map(c -> c.replaceFirst("claim-1.1.0-[0-9a-f]{12}", "claim-1.1.0-RUN")
                .replaceFirst("drafts@sha256:(?!m-)[0-9a-f]{64}", "drafts@CLAIM")).toList();
        assertEquals(List.of(
                "HEAD platform/busybox:1.35-stable-1.1.0",
                "GET platform/busybox-drafts:" + draft.digest(),
                "PUT platform/busybox-drafts:claim-1.1.0-RUN",
                "HEAD platform/busybox:1.35-stable-1.1.0",
                "MOUNT sha256:cfg2 platform/busybox-drafts -> platform/busybox",
                "MOUNT sha256:layer2 platform/busybox-drafts -> platform/busybox",
                "PUT platform/busybox:1.35-stable-1.1.0",
                "HEAD platform/busybox:1.35-stable-1.1.0",
                "DELETE platform/busybox-drafts@CLAIM",
                "PUT platform/busybox:latest",
                "PUT platform/busybox:1.35-stable",
                "DELETE platform/busybox-drafts@" + draft.digest()), calls,
                "claim, version tag, claim released, then floating tags; the draft goes once no foreign tag is on it");
    }

    /** Records when the proofs are made, against the registry's calls, and can fail like a signer out of reach. */
    private final class RecordingProofs implements Publisher.Proofs {
        final List<String> attached = new ArrayList<>();
        boolean present;
        boolean fail;

        @Override
        public void attach(ReleaseState s, Manifest image, boolean gatesKnown) {
            if (fail) {
                throw new ReleaseFailure("KMS Sign of alias/platform failed: AccessDeniedException");
            }
            registry.calls.add("PROOFS " + image.digest() + " gates known: " + gatesKnown);
            attached.add(image.digest());
        }

        @Override
        public boolean present(ReleaseState s, Manifest image) {
            return present;
        }
    }

    @Test
    void theProofsAreMadeForTheImageByDigestBeforeAnyTagNamesIt() {
        RecordingProofs proofs = new RecordingProofs();
        publisher().withProofs(proofs).publish(state, FLOATING);
        List<String> calls = registry.calls;
        int byDigest = calls.indexOf("PUT platform/busybox:" + draft.digest());
        int signed = calls.indexOf("PROOFS " + draft.digest() + " gates known: true");
        int versionTag = calls.indexOf("PUT platform/busybox:1.35-stable-1.1.0");
        assertTrue(byDigest >= 0 && byDigest < signed && signed < versionTag, calls::toString);
        assertTrue(versionTag < calls.indexOf("PUT platform/busybox:latest"), calls::toString);
    }

    @Test
    void aSignerThatFailsLeavesNothingTaggedAndTheClaimReleased() {
        RecordingProofs proofs = new RecordingProofs();
        proofs.fail = true;
        ReleaseFailure failure = assertThrows(ReleaseFailure.class, () -> publisher().withProofs(proofs).publish(state, FLOATING));
        assertTrue(failure.getMessage().contains("AccessDeniedException"), failure.getMessage());
        assertEquals(Optional.empty(), registry.digest(REPO, "1.35-stable-1.1.0"));
        assertEquals(Optional.of("sha256:m-cfg1"), registry.digest(REPO, "latest"), "no floating tag moved");
        assertTrue(registry.tags.get(DRAFTS).keySet().stream().noneMatch(t -> t.startsWith("claim-")), "the claim is released");
    }

    @Test
    void aCompletedPromotionSignsWhatIsNotSignedYetWithoutATestRecordAndLeavesWhatIs() {
        registry.put(REPO, "1.35-stable-1.1.0", draft, "sha256:cfg2", "sha256:layer2");
        state.reason = UpdateReason.PROMOTION_INCOMPLETE;
        RecordingProofs proofs = new RecordingProofs();
        publisher().withProofs(proofs).completePromotion(state, FLOATING);
        assertTrue(registry.calls.contains("PROOFS " + draft.digest() + " gates known: false"), registry.calls::toString);
        assertTrue(registry.calls.indexOf("PROOFS " + draft.digest() + " gates known: false")
                < registry.calls.indexOf("PUT platform/busybox:latest"), registry.calls::toString);

        RecordingProofs signed = new RecordingProofs();
        signed.present = true;
        publisher().withProofs(signed).completePromotion(state, FLOATING);
        assertEquals(List.of(), signed.attached, "signed once");
    }

    @Test
    void aDraftThatATagOfSomeoneElsePointsAtStays() {
        registry.put(DRAFTS, "keep-me", draft);
        publisher().publish(state, FLOATING);
        assertEquals(Optional.of(draft.digest()), registry.digest(REPO, "latest"));
        assertEquals(Optional.of(draft.digest()), registry.digest(DRAFTS, "keep-me"));
        assertEquals(Optional.of(draft.digest()), registry.digest(DRAFTS, "draft-1.1.0-cfg2"));
        assertTrue(releaseLog.messages().stream().anyMatch(m -> m.contains("Draft 127.0.0.1:5000/platform/busybox-drafts:draft-1.1.0-cfg2 "
                + "stays: tags this plugin does not manage point at its image (keep-me)")), log::toString);
    }

    @Test
    void aReleaseDeletesDraftsOfPublishedVersionsAndOfGoneRunsButNotThoseOfLiveOnes() {
        RunOwner gone = new RunOwner(RunOwner.current().host(), Long.MAX_VALUE - 1, "1");
        Manifest other = manifest("sha256:cfg7", "sha256:layer7");
        String ofPublished = "draft-1.0.0-aaaaaaaaaaaa";
        String ofGoneRun = Drafts.draftTag("1.2.0", "sha256:bbbbbbbbbbbb", gone);
        String ofLiveRun = Drafts.draftTag("1.2.0", "sha256:cccccccccccc");
        String ofUnknownRun = "draft-1.3.0-dddddddddddd";
        for (String tag : List.of(ofPublished, ofGoneRun, ofLiveRun, ofUnknownRun)) {
            Manifest m = manifest("sha256:c" + tag.hashCode(), "sha256:l" + tag.hashCode());
            registry.put(DRAFTS, tag, m, "sha256:c" + tag.hashCode(), "sha256:l" + tag.hashCode());
        }
        registry.put(DRAFTS, null, other, "sha256:cfg7", "sha256:layer7");

        publisher().publish(state, FLOATING);

        assertEquals(java.util.Set.of(ofLiveRun, ofUnknownRun), registry.tags.get(DRAFTS).keySet(),
                "a live run's draft and one whose run cannot be told stay (prune's draftDays takes those)");
    }

    @Test
    void nothingUntestedIsPublished() {
        state.tested = false;
        assertTrue(assertThrows(ReleaseFailure.class, () -> publisher().publish(state, FLOATING)).getMessage()
                .contains("has not passed integration-test: nothing is published untested"));
        assertEquals(List.of(), registry.calls);
    }

    @Test
    void aVersionTagSomeoneElsePublishedIsNeverOverwritten() {
        Manifest theirs = manifest("sha256:cfg9", "sha256:layer9");
        registry.put(REPO, "1.35-stable-1.1.0", theirs, "sha256:cfg9", "sha256:layer9");

        String message = assertThrows(ReleaseFailure.class, () -> publisher().publish(state, FLOATING)).getMessage();

        assertTrue(message.startsWith("127.0.0.1:5000/platform/busybox:1.35-stable-1.1.0 already exists (" + theirs.digest()
                + "): version tags are never overwritten"), message);
        assertEquals(Optional.of(theirs.digest()), registry.digest(REPO, "1.35-stable-1.1.0"));
        assertEquals(Optional.of("sha256:m-cfg1"), registry.digest(REPO, "latest"));
        assertEquals(Optional.empty(), registry.digest(DRAFTS, "draft-1.1.0-cfg2"), "the loser's draft is deleted");
        assertNull(state.publishedDigest);
    }

    @Test
    void aBuildThatLosesTheRaceBetweenCheckAndPutSaysSoAndMovesNothing() {
        Manifest theirs = manifest("sha256:cfg9", "sha256:layer9");
        registry.put(DRAFTS, null, theirs, "sha256:cfg9", "sha256:layer9");
        registry.put(REPO, null, theirs, "sha256:cfg9", "sha256:layer9");
        // Another build PUTs the same version tag right after ours.
        registry.afterPut = () -> {
            if (registry.calls.get(registry.calls.size() - 1).equals("PUT platform/busybox:1.35-stable-1.1.0")) {
                registry.afterPut = () -> { };
                registry.tags.get(REPO).put("1.35-stable-1.1.0", theirs.digest());
            }
        };

        String message = assertThrows(ReleaseFailure.class, () -> publisher().publish(state, FLOATING)).getMessage();

        assertTrue(message.contains("was published by another build at the same time (" + theirs.digest() + ")"), message);
        assertTrue(registry.tags.get(DRAFTS).keySet().stream().noneMatch(t -> t.startsWith("claim-")), "the claim is released");
        assertEquals(Optional.of("sha256:m-cfg1"), registry.digest(REPO, "latest"), "no floating tag moved");
    }

    @Test
    void aFloatingTagThatCannotMoveIsReportedWithWhatMovedAndTheNextRunCompletesIt() {
        registry.failingTags.add("1.35-stable");
        ReleaseFailure failure = assertThrows(ReleaseFailure.class, () -> publisher().publish(state, FLOATING));
        assertTrue(failure.getMessage().contains("could not move 127.0.0.1:5000/platform/busybox:1.35-stable (moved so far: "
                + "latest)"), failure.getMessage());
        assertEquals(Optional.of(ReleaseStep.PUSH), failure.step());
        assertEquals(List.of("latest"), state.movedTags);
        assertEquals(draft.digest(), state.publishedDigest);

        // The rerun (check-update said PROMOTION_INCOMPLETE) moves the floating tags of the published version only.
        registry.failingTags.clear();
        registry.calls.clear();
        state.reason = UpdateReason.PROMOTION_INCOMPLETE;
        state.publishedDigest = null;
        publisher().completePromotion(state, FLOATING);
        assertEquals(Optional.of(draft.digest()), registry.digest(REPO, "1.35-stable"));
        assertEquals(FLOATING, state.movedTags);
        assertFalse(registry.calls.stream().anyMatch(c -> c.startsWith("PUT platform/busybox:1.35-stable-")),
                "no version tag is written again: " + registry.calls);
    }

    @Test
    void aRunStoppedAfterTheVersionTagResumesWithoutCopyingAgain() {
        registry.put(REPO, "1.35-stable-1.1.0", draft, "sha256:cfg2", "sha256:layer2");
        publisher().publish(state, FLOATING);
        assertTrue(log.contains("INFO 127.0.0.1:5000/platform/busybox:1.35-stable-1.1.0 already holds the tested image "
                + draft.digest() + ": completing its promotion"), log::toString);
        assertEquals(Optional.of(draft.digest()), registry.digest(REPO, "latest"));
        assertFalse(registry.calls.contains("PUT platform/busybox:1.35-stable-1.1.0"), registry.calls::toString);
    }

    @Test
    void aRegistryThatRefusesDeletesLeavesTheDraftWithAWarningAndTheReleaseStands() {
        registry.refuseDeletes = true;
        publisher().publish(state, FLOATING);
        assertEquals(Optional.of(draft.digest()), registry.digest(REPO, "latest"));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN Draft 127.0.0.1:5000/platform/busybox-drafts:draft-1.1.0-cfg2 "
                + "stays: registry does not allow deleting")), log::toString);
    }

    @Test
    void draftTagsNameTheVersionAndTheImage() {
        RunOwner owner = new RunOwner("agent-7", 42, "1700000000000");
        String tag = Drafts.draftTag("1.4.0", "sha256:0a1b2c3d4e5f67890", owner);
        assertTrue(tag.matches("draft-1\\.4\\.0-0a1b2c3d4e5f-r[0-9a-f]{8}\\.42\\.1700000000000"), tag);
        assertEquals(Optional.of(new RunOwner("#" + tag.substring(26, 34), 42, "1700000000000")), RunOwner.fromTag(tag));
        assertEquals("1.4.0", Drafts.versionOf(tag));
    }
}
