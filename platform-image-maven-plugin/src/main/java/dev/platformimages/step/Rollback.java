package dev.platformimages.step;

import dev.platformimages.image.ImageLabels;
import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.PublishedImages;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseTarget;
import dev.platformimages.version.SemanticVersion;
import dev.platformimages.version.VersionTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Moves every floating tag back to an earlier version by manifest copy, and records in the registry that the
 * version they pointed at was rolled back: a marker tag {@code {versionTag}-rolled-back} on it. Later checks see
 * the marker and leave the floating tags where the rollback put them; the next release gets a new version number.
 */
public final class Rollback {

    /** The suffix of the marker tag: {@code 8.0-bookworm-slim-1.4.0-rolled-back}. It is never a version tag. */
    public static final String MARKER_SUFFIX = "-rolled-back";

    /** What a rollback did. {@code fromVersionTag} may be null when the floating tag named no version of ours. */
    public record Result(String fromVersionTag, String fromDigest, String toVersionTag, String toDigest,
                         List<String> movedTags, boolean changed) {
    }

    private final RegistryClient registry;
    private final ReleaseLog log;

    public Rollback(RegistryClient registry, ReleaseLog log) {
        this.registry = registry;
        this.log = log;
    }

    private ReleaseVerifier verifier;
    private boolean signatureRequired;

    /**
     * Checks the version rolled back to with {@code verifier} first: with {@code required}, a version whose signature or
     * attestations do not verify is refused; else it is rolled back to with a warning.
     */
    public Rollback verifyingWith(ReleaseVerifier verifier, boolean required) {
        this.verifier = verifier;
        this.signatureRequired = required;
        return this;
    }

    public static String markerTag(String versionTag) {
        return versionTag + MARKER_SUFFIX;
    }

    public Result rollBack(ReleaseTarget target, String version) {
        if (version == null || version.isBlank()) {
            throw new ReleaseFailure("platform.rollbackTo is not set: give the version to roll back to, e.g. -Dplatform.rollbackTo=1.3.0");
        }
        SemanticVersion wanted = SemanticVersion.parse(version.trim()).orElseThrow(() -> new ReleaseFailure(
                "platform.rollbackTo is '" + version + "': give a version such as 1.3.0"));
        List<String> tags = registry.tags(target.registry(), target.repository());
        List<VersionTag> versions = tags.stream().map(t -> VersionTag.parse(target.tag(), t)).flatMap(Optional::stream)
                .sorted((a, b) -> a.version().compareTo(b.version())).collect(Collectors.toList());
        VersionTag to = new VersionTag(target.tag(), wanted);
        if (!versions.contains(to)) {
            throw new ReleaseFailure("platform.rollbackTo is " + wanted + ", but " + target.registry() + "/"
                    + target.repository() + " has no version tag " + to.tag() + " (published: "
                    + (versions.isEmpty() ? "none" : versions.stream().map(v -> v.version().toString())
                    .collect(Collectors.joining(", "))) + ")");
        }
        ImageReference toRef = target.reference(to.tag());
        Manifest manifest = registry.manifest(toRef).orElseThrow(() -> new ReleaseFailure(toRef + " vanished"));

        // What the floating tags point at now, and which version that is (its version label).
        ImageReference tagRef = target.reference(target.tag());
        String fromDigest = null;
        String fromVersionTag = null;
        try {
            PublishedImages.Published current = new PublishedImages(registry).describe(tagRef);
            fromDigest = current.digest();
            String label = current.labels().get(ImageLabels.VERSION);
            fromVersionTag = label == null ? null : target.tag() + "-" + label;
        } catch (RegistryException e) {
            log.warn(tagRef + " cannot be read (" + e.getMessage() + "): moving the floating tags anyway");
        }
        if (verifier != null) {
            ReleaseVerifier.Report report = verifier.verify(toRef, manifest);
            if (!report.verified() && signatureRequired) {
                throw new ReleaseFailure("will not roll back to " + to.tag() + ": platform.signing.required is set and what it "
                        + "carries does not verify (" + String.join("; ", report.problems()) + "). No tag moved");
            }
            if (!report.verified()) {
                log.warn("Rolling back to " + to.tag() + ", whose signature or attestations do not verify: "
                        + String.join("; ", report.problems()));
            } else {
                log.info(to.tag() + " (" + manifest.digest() + ") is signed and its attestations verify");
            }
        }
        if (manifest.digest().equals(fromDigest)) {
            log.info("The floating tags already point at " + to.tag() + " (" + manifest.digest() + "): nothing to roll back");
            return new Result(fromVersionTag, fromDigest, to.tag(), manifest.digest(), List.of(), false);
        }
        List<String> moved = new ArrayList<>();
        for (String floating : target.floatingTags()) {
            ImageReference floatingRef = target.reference(floating);
            String before = registry.head(floatingRef).map(h -> h.digest()).orElse("(none)");
            registry.putManifest(floatingRef, manifest);
            moved.add(floating);
            log.info("  " + floating + ": " + before + " -> " + manifest.digest());
        }
        if (fromVersionTag != null && tags.contains(fromVersionTag)) {
            // Recorded in the registry, not in a local file: every later run, on any machine, sees it.
            Manifest bad = registry.manifest(target.reference(fromVersionTag)).orElseThrow();
            registry.putManifest(target.reference(markerTag(fromVersionTag)), bad);
            log.info("Marked " + fromVersionTag + " as rolled back (tag " + markerTag(fromVersionTag) + ")");
        }
        log.info("Rolled back " + target.registry() + "/" + target.repository() + " from "
                + (fromVersionTag == null ? fromDigest : fromVersionTag + " (" + fromDigest + ")") + " to " + to.tag()
                + " (" + manifest.digest() + ")");
        return new Result(fromVersionTag, fromDigest, to.tag(), manifest.digest(), moved, true);
    }
}
