package dev.platformimages.decision;

import dev.platformimages.version.Bump;
import dev.platformimages.version.SemanticVersion;
import dev.platformimages.version.VersionTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdateDeciderTest {

    private static final String TAG = "8.0-bookworm-slim";
    private static final String BASE = "mcr.microsoft.com/dotnet/runtime:8.0-bookworm-slim";
    private static final String DIGEST_A = "sha256:" + "a".repeat(64);
    private static final String DIGEST_B = "sha256:" + "b".repeat(64);
    private static final VersionTag NEWEST = new VersionTag(TAG, new SemanticVersion(1, 3, 2));

    private final UpdateDecider decider = new UpdateDecider();

    private static ImageProvenance provenance(String hash, String baseDigest) {
        return new ImageProvenance(hash, Map.of(BASE, baseDigest));
    }

    /** The whole table: force x definition changed x base changed, with and without a bump override. */
    @ParameterizedTest(name = "force={0} definitionChanged={1} baseChanged={2} bump={3} -> {4} {5}")
    @CsvSource({
            "false, false, false,      , UP_TO_DATE,",
            "false, false, true,       , BASE_CHANGED, 1.3.3",
            "false, true,  false,      , DEFINITION_CHANGED, 1.4.0",
            "false, true,  true,       , DEFINITION_CHANGED, 1.4.0",
            "true,  false, false,      , FORCED, 1.4.0",
            "true,  false, true,       , FORCED, 1.4.0",
            "true,  true,  false,      , FORCED, 1.4.0",
            "true,  true,  true,       , FORCED, 1.4.0",
            "false, false, true,  MAJOR, BASE_CHANGED, 2.0.0",
            "false, true,  false, PATCH, DEFINITION_CHANGED, 1.3.3",
            "true,  false, false, MAJOR, FORCED, 2.0.0",
            "false, false, false, MAJOR, UP_TO_DATE,",
    })
    void decisionTable(boolean force, boolean definitionChanged, boolean baseChanged, Bump bump,
                       UpdateReason expected, String expectedVersion) {
        ImageProvenance published = provenance("sha256:def1", DIGEST_A);
        ImageProvenance current = provenance(definitionChanged ? "sha256:def2" : "sha256:def1", baseChanged ? DIGEST_B : DIGEST_A);
        UpdateDecision decision = decider.decide(TAG, force, bump, NEWEST, published, current);
        assertEquals(expected, decision.reason(), decision.explanation());
        assertEquals(expectedVersion, decision.next().map(v -> v.version().toString()).orElse(null));
        assertEquals(NEWEST, decision.previous().orElseThrow());
    }

    @Test
    void firstVersionIsOneZeroZeroWhateverElse() {
        UpdateDecision decision = decider.decide(TAG, true, Bump.MAJOR, null, null, provenance("sha256:x", DIGEST_A));
        assertEquals(UpdateReason.FIRST_VERSION, decision.reason());
        assertEquals(TAG + "-1.0.0", decision.next().orElseThrow().tag());
        assertTrue(decision.previous().isEmpty());
    }

    @Test
    void baseChangeExplainsOldAndNewDigest() {
        UpdateDecision decision = decider.decide(TAG, false, null, NEWEST,
                provenance("sha256:def1", DIGEST_A), provenance("sha256:def1", DIGEST_B));
        assertTrue(decision.explanation().contains(BASE), decision.explanation());
        assertTrue(decision.explanation().contains("from " + DIGEST_A + " to " + DIGEST_B), decision.explanation());
        assertTrue(decision.explanation().contains("1.3.2 -> " + TAG + "-1.3.3"), decision.explanation());
    }

    @Test
    void forcedListsWhatElseChanged() {
        UpdateDecision decision = decider.decide(TAG, true, null, NEWEST,
                provenance("sha256:def1", DIGEST_A), provenance("sha256:def1", DIGEST_B));
        assertTrue(decision.explanation().startsWith("forced by platform.force=true; also: base"), decision.explanation());
        assertEquals(1, decision.changes().size());
    }

    @Test
    void anImagePublishedWithoutOurLabelsIsADefinitionChange() {
        UpdateDecision decision = decider.decide(TAG, false, null, NEWEST,
                new ImageProvenance(null, Map.of()), provenance("sha256:def1", DIGEST_A));
        assertEquals(UpdateReason.DEFINITION_CHANGED, decision.reason());
        assertTrue(decision.explanation().contains("no definition hash label"), decision.explanation());
    }

    @Test
    void aBaseAddedToTheDockerfileCounts() {
        ImageProvenance published = new ImageProvenance("sha256:def1", Map.of(BASE, DIGEST_A));
        ImageProvenance current = new ImageProvenance("sha256:def1", Map.of(BASE, DIGEST_A, "docker.io/library/busybox:1", DIGEST_B));
        UpdateDecision decision = decider.decide(TAG, false, null, NEWEST, published, current);
        assertEquals(UpdateReason.BASE_CHANGED, decision.reason());
        assertTrue(decision.explanation().contains("docker.io/library/busybox:1 is new"), decision.explanation());
    }

    @Test
    void upToDateNamesTheVersionAndDigests() {
        UpdateDecision decision = decider.decide(TAG, false, null, NEWEST,
                provenance("sha256:def1", DIGEST_A), provenance("sha256:def1", DIGEST_A));
        assertFalse(decision.reason().publishes());
        assertTrue(decision.explanation().contains(NEWEST.tag()), decision.explanation());
        assertTrue(decision.explanation().contains(BASE + "@" + DIGEST_A), decision.explanation());
    }

    @Test
    void aPublishedVersionWhoseLastFloatingTagIsElsewhereIsAPromotionToComplete() {
        VersionTag newest = VersionTag.parse("1.35-stable", "1.35-stable-1.1.0").orElseThrow();
        UpdateDecision upToDate = new UpdateDecision(UpdateReason.UP_TO_DATE, "same", newest, null, java.util.List.of());
        UpdateDecider decider = new UpdateDecider();

        UpdateDecision incomplete = decider.checkPromotion(upToDate, "1.35-stable", "sha256:old", "sha256:new");
        assertEquals(UpdateReason.PROMOTION_INCOMPLETE, incomplete.reason());
        assertEquals(newest, incomplete.next().orElseThrow());
        assertEquals("1.35-stable-1.1.0 matches the definition and base digests, but 1.35-stable points at sha256:old, "
                + "not at 1.35-stable-1.1.0 (sha256:new): a release stopped before moving its floating tags; moving them now",
                incomplete.explanation());
        assertEquals(UpdateReason.PROMOTION_INCOMPLETE, decider.checkPromotion(upToDate, "x", null, "sha256:new").reason());

        assertEquals(upToDate, decider.checkPromotion(upToDate, "1.35-stable", "sha256:new", "sha256:new"));
        UpdateDecision forced = new UpdateDecision(UpdateReason.FORCED, "f", newest, newest, java.util.List.of());
        assertEquals(forced, decider.checkPromotion(forced, "1.35-stable", "sha256:old", "sha256:new"));
    }

    private static final String MULTI_ARCH_BASE = "mcr.microsoft.com/dotnet/runtime:8.0";

    private static UpdateDecision multiArch(boolean tagDigestCounts, String indexBefore, String amd64Before,
                                            String indexNow, String amd64Now) {
        VersionTag newest = VersionTag.parse("8.0", "8.0-1.2.0").orElseThrow();
        ImageProvenance published = new ImageProvenance("sha256:def", Map.of(MULTI_ARCH_BASE, indexBefore),
                amd64Before == null ? Map.of() : Map.of(MULTI_ARCH_BASE, amd64Before));
        ImageProvenance current = new ImageProvenance("sha256:def", Map.of(MULTI_ARCH_BASE, indexNow), Map.of(MULTI_ARCH_BASE, amd64Now));
        return new UpdateDecider(tagDigestCounts).decide("8.0", false, null, newest, published, current);
    }

    @Test
    void anIndexThatChangedOnlyElsewhereIsNoUpdateButIsNoted() {
        UpdateDecision decision = multiArch(false, "sha256:index1", "sha256:amd1", "sha256:index2", "sha256:amd1");
        assertEquals(UpdateReason.UP_TO_DATE, decision.reason());
        assertEquals(java.util.List.of("base " + MULTI_ARCH_BASE + " now resolves to sha256:index2 (was sha256:index1), but the image "
                + "of the platform built is still sha256:amd1: only attestations or other platforms changed, not an update "
                + "(platform.baseChange=tag counts it)"), decision.notes());
    }

    @Test
    void aChangeOfThePlatformBuiltIsABaseChangeThatNamesBothDigests() {
        UpdateDecision decision = multiArch(false, "sha256:index1", "sha256:amd1", "sha256:index2", "sha256:amd2");
        assertEquals(UpdateReason.BASE_CHANGED, decision.reason());
        assertEquals(java.util.List.of("base " + MULTI_ARCH_BASE + " changed from sha256:index1 to sha256:index2 (platform image "
                + "sha256:amd1 -> sha256:amd2)"), decision.changes());
        assertEquals(java.util.List.of(), decision.notes());
    }

    @Test
    void withBaseChangeTagAnyNewIndexCounts() {
        assertEquals(UpdateReason.BASE_CHANGED,
                multiArch(true, "sha256:index1", "sha256:amd1", "sha256:index2", "sha256:amd1").reason());
    }

    @Test
    void versionsLabelledWithoutPlatformDigestsCompareByTag() {
        UpdateDecision decision = multiArch(false, "sha256:index1", null, "sha256:index2", "sha256:amd1");
        assertEquals(UpdateReason.BASE_CHANGED, decision.reason());
        assertEquals(java.util.List.of("base " + MULTI_ARCH_BASE + " changed from sha256:index1 to sha256:index2"), decision.changes());
    }

    @Test
    void withSeveralPlatformsOnlyABuiltPlatformsChangeCountsAndItIsNamed() {
        String before = "linux/amd64=sha256:a1;linux/arm64=sha256:b1";
        ImageProvenance published = new ImageProvenance("sha256:def1", Map.of(BASE, DIGEST_A), Map.of(BASE, before));

        // The index moved (say a new linux/s390x image), our two platforms' images did not: no update.
        UpdateDecision other = decider.decide(TAG, false, null, NEWEST, published,
                new ImageProvenance("sha256:def1", Map.of(BASE, DIGEST_B), Map.of(BASE, before)));
        assertEquals(UpdateReason.UP_TO_DATE, other.reason());
        assertTrue(other.notes().get(0).contains("only attestations or other platforms changed"), other.notes().toString());

        UpdateDecision arm = decider.decide(TAG, false, null, NEWEST, published,
                new ImageProvenance("sha256:def1", Map.of(BASE, DIGEST_B), Map.of(BASE, "linux/amd64=sha256:a1;linux/arm64=sha256:b2")));
        assertEquals(UpdateReason.BASE_CHANGED, arm.reason());
        assertTrue(arm.explanation().contains("(linux/arm64: sha256:b1 -> sha256:b2)"), arm.explanation());
        assertFalse(arm.explanation().contains("linux/amd64:"), arm.explanation());
    }

    @Test
    void packagesNewerInTheImagesSourcesMakeAnUpToDateImageAPatchReleaseNamingThem() {
        VersionTag newest = VersionTag.parse("8.0", "8.0-1.4.2").orElseThrow();
        UpdateDecision upToDate = new UpdateDecision(UpdateReason.UP_TO_DATE, "same", newest, null, java.util.List.of());
        UpdateDecision decision = new UpdateDecider().checkPackages(upToDate, null, java.util.List.of(
                "openssl 3.0.15-1~deb12u1 -> 3.0.17-1~deb12u2 (http://deb.debian.org/debian-security/ bookworm-security/main)"));
        assertEquals(UpdateReason.PACKAGES_OUTDATED, decision.reason());
        assertEquals("8.0-1.4.3", decision.next().orElseThrow().tag());
        assertEquals("1 package(s) of 8.0-1.4.2 are newer in its package sources: openssl 3.0.15-1~deb12u1 -> 3.0.17-1~deb12u2 "
                + "(http://deb.debian.org/debian-security/ bookworm-security/main): 8.0-1.4.2 -> 8.0-1.4.3", decision.explanation());
        assertEquals("8.0-1.5.0", new UpdateDecider().checkPackages(upToDate, dev.platformimages.version.Bump.MINOR,
                java.util.List.of("a 1 -> 2 (x)")).next().orElseThrow().tag());
        java.util.List<String> many = java.util.stream.IntStream.range(0, 7).mapToObj(i -> "p" + i + " 1 -> 2 (x)").toList();
        assertTrue(new UpdateDecider().checkPackages(upToDate, null, many).explanation().contains("p4 1 -> 2 (x) and 2 more"));
        assertSame(upToDate, new UpdateDecider().checkPackages(upToDate, null, java.util.List.of()), "nothing newer: up to date");
        UpdateDecision base = new UpdateDecision(UpdateReason.BASE_CHANGED, "base", newest, newest, java.util.List.of());
        assertSame(base, new UpdateDecider().checkPackages(base, null, many), "another reason already releases");
    }
}
