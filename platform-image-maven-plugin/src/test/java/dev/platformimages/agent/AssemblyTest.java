package dev.platformimages.agent;

import dev.platformimages.image.ImageLabels;
import dev.platformimages.release.ReleaseState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssemblyTest {

    private static final List<String> BOTH = List.of("linux/amd64", "linux/arm64");
    private static final Function<String, String> TAG = p -> AgentTags.gateRecord("1.4.1", "42", p);

    private static GateRecord passed(String platform) {
        return new GateRecord(platform, "sha256:draft-" + platform, "build-" + platform, "1.4.1", "sha256:def",
                Map.of("docker.io/library/node:20", "sha256:index"), true, null,
                List.of(new GateRecord.Check("self-test: x on " + platform, 12)), "runner (host h, pid 1)", "2026-12-02T10:00:00Z", null);
    }

    private static Map<String, String> labels(ReleaseState decision, String platform) {
        Map<String, String> labels = new HashMap<>();
        labels.put(ImageLabels.VERSION, decision.version);
        labels.put(ImageLabels.DEFINITION_HASH, decision.definitionHash);
        labels.put(ImageLabels.BASES, ImageLabels.encodeBases(decision.baseDigests));
        labels.put(ImageLabels.BASES_PLATFORM, ImageLabels.encodeBases(decision.basePlatformDigests));
        labels.put(ImageLabels.BUILD, "build-" + platform);
        return labels;
    }

    private static Map<String, Assembly.Found> good(ReleaseState decision) {
        Map<String, Assembly.Found> found = new LinkedHashMap<>();
        for (String platform : BOTH) {
            found.put(platform, new Assembly.Found(passed(platform), new Assembly.Draft(platform, labels(decision, platform))));
        }
        return found;
    }

    private static List<String> refusals(ReleaseState decision, Map<String, Assembly.Found> found) {
        return Assembly.refusals(decision, BOTH, found, TAG);
    }

    @Test
    void everyPlatformTestedAndAsDecidedIsAssembled() {
        ReleaseState decision = ReleaseDecisionTest.decided();
        assertEquals(List.of(), refusals(decision, good(decision)));
    }

    @Test
    void aMissingPlatformIsNamedWithItsRecordTag() {
        ReleaseState decision = ReleaseDecisionTest.decided();
        Map<String, Assembly.Found> found = good(decision);
        found.remove("linux/arm64");
        List<String> refusals = refusals(decision, found);
        assertEquals(List.of("linux/arm64: no tested draft (no gate record draft-1.4.1-release-42-linux-arm64): its agent has "
                + "not run, or stopped before its gates ended; run that agent's job (again)"), refusals);
    }

    @Test
    void aPlatformWhoseGatesFailedIsNamedWithTheFailure() {
        ReleaseState decision = ReleaseDecisionTest.decided();
        Map<String, Assembly.Found> found = good(decision);
        GateRecord failed = new GateRecord("linux/arm64", "sha256:d", "b", "1.4.1", "sha256:def", Map.of(), false,
                "self-test failed: 'x' exited with 1", List.of(), "arm-runner-3 (host h, pid 2)", "t", null);
        found.put("linux/arm64", new Assembly.Found(failed, null));
        List<String> refusals = refusals(decision, found);
        assertEquals(1, refusals.size());
        assertTrue(refusals.get(0).startsWith("linux/arm64: its gates failed on arm-runner-3 (host h, pid 2): self-test failed"),
                refusals.get(0));
    }

    @Test
    void aRecordWithoutGatesOrAboutAnotherPlatformOrAGoneDraftIsRefused() {
        ReleaseState decision = ReleaseDecisionTest.decided();
        Map<String, Assembly.Found> found = good(decision);
        GateRecord none = new GateRecord("linux/amd64", "sha256:d", "build-linux/amd64", "1.4.1", "sha256:def", Map.of(), true,
                null, List.of(), "a", "t", null);
        found.put("linux/amd64", new Assembly.Found(none, found.get("linux/amd64").draft()));
        found.put("linux/arm64", new Assembly.Found(passed("linux/amd64"), null));
        List<String> refusals = refusals(decision, found);
        assertEquals(2, refusals.size(), refusals.toString());
        assertTrue(refusals.get(0).contains("linux/amd64: its agent recorded no gate passed"), refusals.get(0));
        assertTrue(refusals.get(1).contains("linux/arm64: its gate record is about linux/amd64"), refusals.get(1));

        decision.untested = true; // published untested: no gate is expected
        found = good(decision);
        found.put("linux/amd64", new Assembly.Found(none, found.get("linux/amd64").draft()));
        assertEquals(List.of(), refusals(decision, found));

        found.put("linux/arm64", new Assembly.Found(passed("linux/arm64"), null));
        assertTrue(refusals(decision, found).get(0).contains("linux/arm64: its draft sha256:draft-linux/arm64 is gone"));
    }

    @Test
    void theDraftItselfMustBeOfItsPlatformVersionDefinitionUpstreamAndBuild() {
        ReleaseState decision = ReleaseDecisionTest.decided();
        Map<String, Assembly.Found> found = good(decision);
        Map<String, String> wrong = labels(decision, "linux/arm64");
        wrong.put(ImageLabels.VERSION, "1.4.0");
        wrong.put(ImageLabels.DEFINITION_HASH, "sha256:edited");
        wrong.put(ImageLabels.BASES, "docker.io/library/node:20@sha256:moved");
        wrong.put(ImageLabels.BUILD, "another-build");
        found.put("linux/arm64", new Assembly.Found(passed("linux/arm64"), new Assembly.Draft("linux/amd64", wrong)));
        List<String> refusals = refusals(decision, found);
        assertEquals(5, refusals.size(), refusals.toString());
        assertTrue(refusals.get(0).contains("linux/arm64: its draft sha256:draft-linux/arm64 is an image for linux/amd64"));
        assertTrue(refusals.get(1).contains("its draft is version 1.4.0, the release 1.4.1"));
        assertTrue(refusals.get(2).contains("built from another definition (hash sha256:edited, the release's decision sha256:def)"));
        assertTrue(refusals.get(3).contains("built from other upstream digests (docker.io/library/node:20@sha256:moved, the "
                + "release's decision pins docker.io/library/node:20@sha256:index)"), refusals.get(3));
        assertTrue(refusals.get(4).contains("is build another-build, not build build-linux/arm64 its agent tested"));
    }

    @Test
    void anotherPlatformOfTheSameUpstreamIndexIsAnotherUpstream() {
        ReleaseState decision = ReleaseDecisionTest.decided();
        Map<String, Assembly.Found> found = good(decision);
        Map<String, String> moved = labels(decision, "linux/arm64");
        moved.put(ImageLabels.BASES_PLATFORM, "docker.io/library/node:20@linux/amd64=sha256:a;linux/arm64=sha256:c");
        found.put("linux/arm64", new Assembly.Found(passed("linux/arm64"), new Assembly.Draft("linux/arm64", moved)));
        assertTrue(refusals(decision, found).get(0).startsWith("linux/arm64: built from other upstream digests"));
    }

    @Test
    void thePlatformsMustBeTheDecisions() {
        ReleaseState decision = ReleaseDecisionTest.decided();
        List<String> refusals = Assembly.refusals(decision, List.of("linux/amd64"), good(decision), TAG);
        assertEquals(List.of("platform.platforms here is [linux/amd64], the release's decision built [linux/amd64, linux/arm64]: "
                + "assemble with the same list the agents had"), refusals);
    }

    @Test
    void aGateRecordReadsBackAsWritten() {
        GateRecord record = passed("linux/arm64");
        assertEquals(record, GateRecord.fromJson(record.toJson()));
        String json = new String(record.toJson(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"draftDigest\":\"sha256:draft-linux/arm64\""), json);
    }
}
