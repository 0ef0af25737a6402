package dev.platformimages.decision;

import dev.platformimages.image.Platforms;
import dev.platformimages.version.Bump;
import dev.platformimages.version.SemanticVersion;
import dev.platformimages.version.VersionTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether a new version is published, and which one. Pure: no I/O.
 *
 * <p>Precedence: FIRST_VERSION, then FORCED, then DEFINITION_CHANGED, then BASE_CHANGED, then UP_TO_DATE.
 * A definition change wins over a base change because it implies the larger (minor) bump.
 */
public final class UpdateDecider {

    private final boolean tagDigestCounts;

    /** Base changes are judged by the platform image built (an index that only changed elsewhere is no update). */
    public UpdateDecider() {
        this(false);
    }

    /** @param tagDigestCounts any change of what a base's tag resolves to is an update (platform.baseChange=tag) */
    public UpdateDecider(boolean tagDigestCounts) {
        this.tagDigestCounts = tagDigestCounts;
    }

    /**
     * @param tagPrefix  the image's {@code platform.tag}
     * @param force      {@code platform.force}
     * @param bump       {@code platform.bump}, or null for the reason's own bump
     * @param newest     the newest published version, or null when none is published
     * @param published  the provenance read from the newest version's labels (ignored when newest is null)
     * @param current    the provenance of the working tree and of the upstream bases now
     */
    public UpdateDecision decide(String tagPrefix, boolean force, Bump bump, VersionTag newest,
                                 ImageProvenance published, ImageProvenance current) {
        Objects.requireNonNull(tagPrefix, "tagPrefix");
        Objects.requireNonNull(current, "current");
        if (newest == null) {
            VersionTag first = new VersionTag(tagPrefix, SemanticVersion.FIRST);
            return new UpdateDecision(UpdateReason.FIRST_VERSION,
                    "no version of '" + tagPrefix + "' is published yet: publishing " + first, null, first, List.of());
        }
        Objects.requireNonNull(published, "published");
        List<String> definitionChanges = definitionChanges(newest, published, current);
        List<String> notes = new ArrayList<>();
        List<String> baseChanges = baseChanges(published, current, notes);
        List<String> changes = new ArrayList<>(definitionChanges);
        changes.addAll(baseChanges);

        UpdateReason reason;
        String why;
        if (force) {
            reason = UpdateReason.FORCED;
            why = "forced by platform.force=true"
                    + (changes.isEmpty() ? " (nothing else changed)" : "; also: " + String.join("; ", changes));
        } else if (!definitionChanges.isEmpty()) {
            reason = UpdateReason.DEFINITION_CHANGED;
            why = String.join("; ", changes);
        } else if (!baseChanges.isEmpty()) {
            reason = UpdateReason.BASE_CHANGED;
            why = String.join("; ", baseChanges);
        } else {
            return new UpdateDecision(UpdateReason.UP_TO_DATE,
                    newest + " was built from the same definition (" + current.definitionHash() + ") and base digests "
                            + describe(current.baseDigests()),
                    newest, null, List.of(), notes);
        }
        Bump applied = bump != null ? bump : reason.defaultBump();
        VersionTag next = new VersionTag(tagPrefix, newest.version().bump(applied));
        String bumpNote = bump != null ? " (platform.bump=" + bump.label() + ")" : "";
        return new UpdateDecision(reason, why + ": " + newest + " -> " + next + bumpNote, newest, next, changes, notes);
    }

    private static List<String> definitionChanges(VersionTag newest, ImageProvenance published, ImageProvenance current) {
        if (published.definitionHash() == null) {
            return List.of("definition changed: " + newest + " carries no definition hash label");
        }
        if (!published.definitionHash().equals(current.definitionHash())) {
            return List.of("definition changed from " + published.definitionHash() + " to " + current.definitionHash());
        }
        return List.of();
    }

    /**
     * A base counts as changed when the image of the platform built changed. When its tag resolves to a new
     * index but the platform's entry is the same (attestations, other platforms), that goes to {@code notes},
     * unless the tag digest alone counts. Images labelled before platform digests were recorded compare by tag.
     */
    private List<String> baseChanges(ImageProvenance published, ImageProvenance current, List<String> notes) {
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, String> base : current.baseDigests().entrySet()) {
            String name = base.getKey();
            String before = published.baseDigests().get(name);
            if (before == null) {
                changes.add("base " + name + " is new (" + base.getValue() + ")");
                continue;
            }
            if (before.equals(base.getValue())) {
                continue;
            }
            String platformBefore = published.platformDigests().get(name);
            String platformNow = current.platformDigests().get(name);
            boolean samePlatformImage = platformBefore != null && platformBefore.equals(platformNow);
            if (!countsAsChange(name, published, current)) {
                notes.add("base " + name + " now resolves to " + base.getValue() + " (was " + before + "), but the image "
                        + "of the platform built is still " + platformNow + ": only attestations or other platforms "
                        + "changed, not an update (platform.baseChange=tag counts it)");
            } else {
                boolean multiArch = platformNow != null && !platformNow.equals(base.getValue());
                // Several platforms built: name the ones whose image changed.
                String platformChange = Platforms.decode(platformNow).isEmpty() ? "platform image " + platformBefore
                        + " -> " + platformNow : Platforms.describeChange(platformBefore, platformNow);
                changes.add("base " + name + " changed from " + before + " to " + base.getValue()
                        + (multiArch && platformBefore != null && !samePlatformImage ? " (" + platformChange + ")" : ""));
            }
        }
        return changes;
    }

    /**
     * Whether base {@code name}'s digest in {@code current} is a change from {@code published}: a new base, or one whose
     * image of the platform built changed (any change of the tag's digest with platform.baseChange=tag).
     */
    public boolean countsAsChange(String name, ImageProvenance published, ImageProvenance current) {
        String before = published.baseDigests().get(name);
        String now = current.baseDigests().get(name);
        if (before == null) {
            return true;
        }
        if (before.equals(now)) {
            return false;
        }
        String platformBefore = published.platformDigests().get(name);
        return tagDigestCounts || platformBefore == null || !platformBefore.equals(current.platformDigests().get(name));
    }

    private static String describe(Map<String, String> digests) {
        List<String> parts = new ArrayList<>();
        digests.forEach((name, digest) -> parts.add(name + "@" + digest));
        return parts.isEmpty() ? "(no upstream base)" : String.join(", ", parts);
    }

    /**
     * Looks again at an UP_TO_DATE decision: when the last floating tag to move does not point at the newest
     * version, a release stopped between its version tag and its floating tags (they move in order, so the last
     * one tells). That release is completed (PROMOTION_INCOMPLETE) instead of publishing another version.
     *
     * @param floatingDigest what {@code lastFloatingTag} points at now, null when it does not exist
     * @param newestDigest   the newest version's manifest digest
     */
    public UpdateDecision checkPromotion(UpdateDecision upToDate, String lastFloatingTag, String floatingDigest,
                                         String newestDigest) {
        if (upToDate.reason() != UpdateReason.UP_TO_DATE || upToDate.previous().isEmpty() || newestDigest == null
                || newestDigest.equals(floatingDigest)) {
            return upToDate;
        }
        VersionTag newest = upToDate.previous().get();
        return new UpdateDecision(UpdateReason.PROMOTION_INCOMPLETE, newest + " matches the definition and base digests, "
                + "but " + lastFloatingTag + (floatingDigest == null ? " does not exist" : " points at " + floatingDigest)
                + ", not at " + newest + " (" + newestDigest + "): a release stopped before moving its floating tags; "
                + "moving them now", newest, newest, List.of());
    }

    /**
     * An up-to-date image some of whose packages are newer in its own package sources: a new version
     * (PACKAGES_OUTDATED, a patch bump unless {@code bump} says otherwise) that names the updates.
     *
     * @param updates the updates, each as {@code name installed -> available}, most important first
     */
    public UpdateDecision checkPackages(UpdateDecision upToDate, Bump bump, List<String> updates) {
        if (upToDate.reason() != UpdateReason.UP_TO_DATE || upToDate.previous().isEmpty() || updates.isEmpty()) {
            return upToDate;
        }
        VersionTag newest = upToDate.previous().get();
        Bump applied = bump != null ? bump : UpdateReason.PACKAGES_OUTDATED.defaultBump();
        VersionTag next = new VersionTag(newest.prefix(), newest.version().bump(applied));
        String listed = String.join(", ", updates.subList(0, Math.min(5, updates.size())))
                + (updates.size() > 5 ? " and " + (updates.size() - 5) + " more" : "");
        List<String> changes = updates.stream().map(u -> "package " + u).toList();
        return new UpdateDecision(UpdateReason.PACKAGES_OUTDATED, updates.size() + " package(s) of " + newest
                + " are newer in its package sources: " + listed + ": " + newest + " -> " + next
                + (bump != null ? " (platform.bump=" + bump.label() + ")" : ""), newest, next, changes, upToDate.notes());
    }
}
