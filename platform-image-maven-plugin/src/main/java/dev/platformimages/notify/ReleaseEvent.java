package dev.platformimages.notify;

import dev.platformimages.decision.UpdateReason;
import dev.platformimages.packages.PackageReport;
import dev.platformimages.release.FindingsChange;
import dev.platformimages.release.ReleaseState.PassedCheck;
import dev.platformimages.release.ReleaseState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a notification tells, for a published release or a failed one. Built from the release state; holds no
 * secret. Fields that do not apply (no CI, nothing published yet) are null or empty.
 */
public record ReleaseEvent(
        Outcome outcome,
        String registry,
        String repository,
        String tag,
        /* the version tag published or attempted, e.g. 8.0-bookworm-slim-1.4.0 */
        String versionTag,
        /* the manifest digest published under the version tag */
        String digest,
        List<String> floatingTags,
        UpdateReason reason,
        String explanation,
        List<String> changes,
        List<PassedCheck> checks,
        Duration duration,
        CiRun ci,
        /* the registry's own page for the repository (ECR console), or null */
        String consoleUrl,
        Failure failure,
        /* released with no gate at all (platform.allowUntested=true) */
        boolean untested,
        /* what changed in the packages since the previous version; null when not known */
        PackageReport packages,
        /* on ECR: the scan findings fixed and introduced since the previous version; null elsewhere */
        FindingsChange findings) {

    public enum Outcome { RELEASED, FAILED, ROLLED_BACK }

    /**
     * Why a release failed.
     *
     * @param step the step that failed, e.g. {@code integration test}
     * @param error the error as the build log shows it (first line first)
     * @param log the last lines of the log that explain it
     * @param published what the failed release had published: nothing, or exactly which tags
     */
    public record Failure(String step, String error, List<String> log, String published) {
    }

    public String image() {
        return registry + "/" + repository;
    }

    /** A published release, from the state push completed. */
    public static ReleaseEvent released(ReleaseState state, CiRun ci, Instant now) {
        return new ReleaseEvent(Outcome.RELEASED, state.registry, state.repository, state.tag, state.versionTag,
                state.publishedDigest, List.copyOf(state.movedTags), state.reason, state.explanation,
                List.copyOf(state.changes), List.copyOf(state.checks), duration(state, now), ci,
                EcrConsole.repositoryPage(state.registry, state.repository), null, state.untested, state.packages, state.findings);
    }

    /**
     * A failed release. {@code state} is the release's state as far as it got, or null when the check itself
     * failed (then nothing can have been published).
     */
    public static ReleaseEvent failed(String registry, String repository, String tag, ReleaseState state, String step,
                                      String error, List<String> log, CiRun ci, Instant now) {
        boolean sameRelease = state != null && registry.equals(state.registry) && repository.equals(state.repository)
                && tag.equals(state.tag);
        ReleaseState s = sameRelease ? state : null;
        return new ReleaseEvent(Outcome.FAILED, registry, repository, tag, s == null ? null : s.versionTag,
                s == null ? null : s.publishedDigest, s == null ? List.of() : List.copyOf(s.movedTags),
                s == null ? null : s.reason, s == null ? null : s.explanation,
                s == null ? List.of() : List.copyOf(s.changes), s == null ? List.of() : List.copyOf(s.checks),
                s == null ? null : duration(s, now), ci, EcrConsole.repositoryPage(registry, repository),
                new Failure(step, error, List.copyOf(log), published(s)), s != null && s.untested, s == null ? null : s.packages,
                s == null ? null : s.findings);
    }

    private static String published(ReleaseState state) {
        if (state == null || state.publishedDigest == null) {
            return "Nothing was published.";
        }
        List<String> notMoved = new ArrayList<>(state.floatingTags);
        notMoved.removeAll(state.movedTags);
        return "Published " + state.versionTag + " (" + state.publishedDigest + "); floating tags moved: "
                + (state.movedTags.isEmpty() ? "none" : String.join(", ", state.movedTags))
                + (notMoved.isEmpty() ? "" : "; not moved: " + String.join(", ", notMoved)) + ".";
    }

    private static Duration duration(ReleaseState state, Instant now) {
        if (state.startedAt == null) {
            return null;
        }
        try {
            return Duration.between(Instant.parse(state.startedAt), now);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A rollback: the floating tags moved from {@code fromVersionTag} back to {@code toVersionTag}. */
    public static ReleaseEvent rolledBack(String registry, String repository, String tag, String fromVersionTag,
                                          String fromDigest, String toVersionTag, String toDigest, List<String> movedTags,
                                          CiRun ci) {
        String from = fromVersionTag == null ? String.valueOf(fromDigest) : fromVersionTag + " (" + fromDigest + ")";
        return new ReleaseEvent(Outcome.ROLLED_BACK, registry, repository, tag, toVersionTag, toDigest, List.copyOf(movedTags),
                null, "Floating tags moved back from " + from + " to " + toVersionTag + " (" + toDigest + ")"
                + (ci != null && ci.actor() != null ? " by " + ci.actor() : ""), List.of(), List.of(), null, ci,
                EcrConsole.repositoryPage(registry, repository), null, false, null, null);
    }

    /** Who forced the release, when it was forced and CI says who started it. */
    public String forcedBy() {
        return reason == UpdateReason.FORCED && ci != null ? ci.actor() : null;
    }

    /** {@code 2 min 5 s}, {@code 41 s}, or null. */
    public String durationText() {
        if (duration == null) {
            return null;
        }
        long seconds = Math.max(0, duration.toSeconds());
        return seconds >= 60 ? seconds / 60 + " min " + seconds % 60 + " s" : seconds + " s";
    }

    /** A one-line summary, used as a title and as a fallback text. */
    public String title() {
        if (outcome == Outcome.RELEASED) {
            return "Released " + repository + ":" + versionTag + (untested ? " UNTESTED" : "");
        }
        if (outcome == Outcome.ROLLED_BACK) {
            return "Rolled back " + repository + ":" + tag + " to " + versionTag;
        }
        return "Release of " + repository + (versionTag == null ? " (" + tag + ")" : ":" + versionTag)
                + " failed at " + failure.step();
    }
}
