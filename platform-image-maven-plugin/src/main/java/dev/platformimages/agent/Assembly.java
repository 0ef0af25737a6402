package dev.platformimages.agent;

import dev.platformimages.image.ImageLabels;
import dev.platformimages.image.Platforms;
import dev.platformimages.release.ReleaseState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether the agents' drafts make the release their decision describes: every platform the POM asks for has a draft
 * whose gates passed, and each draft, as the registry holds it (not only as its agent says), is of its platform and
 * was built from the decision's definition and upstream digests for its version. Any refusal names the platform, and
 * then nothing is published.
 */
public final class Assembly {

    /**
     * One platform's draft as the registry holds it.
     *
     * @param platform the platform its image's config says (os/architecture)
     * @param labels   its image's labels
     */
    public record Draft(String platform, Map<String, String> labels) {
    }

    /**
     * What was found for one platform: its gate record (null: none) and the draft it names (null: not in the registry).
     */
    public record Found(GateRecord record, Draft draft) {
    }

    private Assembly() {
    }

    /**
     * The refusals, empty when the release may be assembled.
     *
     * @param decision  the release's pinned decision
     * @param platforms the platforms the assembling POM asks for (platform.platforms)
     * @param found     what was found, by platform of {@code platforms} (a missing key: nothing)
     * @param recordTag the gate record's tag of a platform, for the messages
     */
    public static List<String> refusals(ReleaseState decision, List<String> platforms, Map<String, Found> found,
                                        java.util.function.Function<String, String> recordTag) {
        List<String> refusals = new ArrayList<>();
        if (!platforms.equals(decision.platforms)) {
            refusals.add("platform.platforms here is " + platforms + ", the release's decision built " + decision.platforms
                    + ": assemble with the same list the agents had");
            return refusals;
        }
        for (String platform : platforms) {
            Found f = found.get(platform);
            GateRecord record = f == null ? null : f.record();
            if (record == null) {
                refusals.add(platform + ": no tested draft (no gate record " + recordTag.apply(platform) + "): its agent "
                        + "has not run, or stopped before its gates ended; run that agent's job (again)");
                continue;
            }
            if (!record.passed()) {
                refusals.add(platform + ": its gates failed on " + record.agent() + ": " + record.failure()
                        + "; fix it and run that agent's job again");
                continue;
            }
            if (record.checks() == null || record.checks().isEmpty() && !decision.untested) {
                refusals.add(platform + ": its agent recorded no gate passed, and the release is not one published untested");
                continue;
            }
            if (!platform.equals(record.platform())) {
                refusals.add(platform + ": its gate record is about " + record.platform());
                continue;
            }
            if (f.draft() == null) {
                refusals.add(platform + ": its draft " + record.draftDigest() + " is gone from the registry; run that "
                        + "agent's job again");
                continue;
            }
            refusals.addAll(mismatches(decision, platform, record, f.draft()));
        }
        return refusals;
    }

    private static List<String> mismatches(ReleaseState decision, String platform, GateRecord record, Draft draft) {
        List<String> found = new ArrayList<>();
        Map<String, String> labels = draft.labels();
        String architectureOnly = Platforms.os(platform) + "/" + Platforms.architecture(platform);
        if (!architectureOnly.equals(draft.platform())) {
            found.add(platform + ": its draft " + record.draftDigest() + " is an image for " + draft.platform());
        }
        if (!Objects.equals(decision.version, labels.get(ImageLabels.VERSION))) {
            found.add(platform + ": its draft is version " + labels.get(ImageLabels.VERSION) + ", the release "
                    + decision.version);
        }
        if (!Objects.equals(decision.definitionHash, labels.get(ImageLabels.DEFINITION_HASH))) {
            found.add(platform + ": built from another definition (hash " + labels.get(ImageLabels.DEFINITION_HASH)
                    + ", the release's decision " + decision.definitionHash + ")");
        }
        if (!decision.baseDigests.equals(ImageLabels.decodeBases(labels.get(ImageLabels.BASES)))
                || !decision.basePlatformDigests.equals(ImageLabels.decodeBases(labels.get(ImageLabels.BASES_PLATFORM)))) {
            found.add(platform + ": built from other upstream digests (" + shown(labels.get(ImageLabels.BASES))
                    + ", the release's decision pins " + shown(ImageLabels.encodeBases(decision.baseDigests))
                    + "); the upstream moved between the agents' checks: run that agent's job again, it builds the "
                    + "pinned digests");
        }
        if (record.buildId() == null || !record.buildId().equals(labels.get(ImageLabels.BUILD))) {
            found.add(platform + ": its draft " + record.draftDigest() + " is build " + labels.get(ImageLabels.BUILD)
                    + ", not build " + record.buildId() + " its agent tested");
        }
        return found;
    }

    private static String shown(String encodedBases) {
        return encodedBases == null ? "no base label" : encodedBases;
    }
}
