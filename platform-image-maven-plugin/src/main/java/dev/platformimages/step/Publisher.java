package dev.platformimages.step;

import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.ManifestHead;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.registry.TagImmutableException;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseStep;

import java.util.List;
import java.util.Optional;

/**
 * The push step: promotes the tested draft by copying its manifest, byte for byte, to the version tag (never over
 * an existing version: the build first holds a {@link VersionClaims claim} on the version, then checks and writes
 * it), then moves each floating tag the same way. No layer is uploaded (blobs are mounted across repositories).
 * Ends by deleting the draft. Also completes a promotion an earlier run left half done.
 */
public final class Publisher {

    private final RegistryClient registry;
    private final Drafts drafts;
    private final ReleaseLog log;
    private final VersionClaims claims;
    private Proofs proofs;

    /** What a release carries as proof (signature, attestations), made before any tag names the image. */
    public interface Proofs {

        /** Signs and attests {@code image}, which the release repository holds by digest, untagged. */
        void attach(ReleaseState state, Manifest image, boolean gatesKnown);

        /** Whether {@code image} is signed already. */
        boolean present(ReleaseState state, Manifest image);
    }

    /** Signs and attests each release with {@code proofs} before its version tag is written. */
    public Publisher withProofs(Proofs proofs) {
        this.proofs = proofs;
        return this;
    }

    public Publisher(RegistryClient registry, Drafts drafts, ReleaseLog log) {
        this(registry, drafts, log, new VersionClaims(registry, log));
    }

    Publisher(RegistryClient registry, Drafts drafts, ReleaseLog log, VersionClaims claims) {
        this.registry = registry;
        this.drafts = drafts;
        this.log = log;
        this.claims = claims;
    }

    /** Publishes a tested draft under its version tag, then moves {@code floatingTags}. */
    public void publish(ReleaseState state, List<String> floatingTags) {
        if (!state.tested || state.draftDigest == null) {
            throw new ReleaseFailure(state.imageName() + ":" + state.versionTag + " has not passed integration-test: "
                    + "nothing is published untested (mvn deploy runs every goal in order)");
        }
        ImageReference versionRef = ImageReference.of(state.registry, state.repository, state.versionTag);
        ImageReference draftRef = ImageReference.of(state.registry, state.draftRepository, null).withDigest(state.draftDigest);
        Optional<String> existing = registry.head(versionRef).map(ManifestHead::digest);
        Manifest manifest;
        if (existing.isPresent() && existing.get().equals(state.draftDigest)) {
            log.info(versionRef + " already holds the tested image " + state.draftDigest + ": completing its promotion");
            manifest = registry.manifest(versionRef).orElseThrow();
            if (proofs != null && !proofs.present(state, manifest)) {
                proofs.attach(state, manifest, true);
            }
        } else if (existing.isPresent()) {
            throw versionTaken(state, versionRef, existing.get());
        } else {
            manifest = registry.manifest(draftRef).orElseThrow(() -> new ReleaseFailure("the tested draft " + draftRef
                    + " is no longer in the registry: run the build again"));
            VersionClaims.Claim claim;
            try {
                claim = claims.claim(state, manifest);
            } catch (ReleaseFailure e) {
                drafts.delete(state);
                throw e;
            }
            try {
                writeVersionTag(state, versionRef, manifest);
            } finally {
                claims.release(claim); // once the version tag holds the image, or failed to
            }
        }
        state.published(manifest.digest());
        moveFloatingTags(state, versionRef, manifest, floatingTags);
        drafts.delete(state);
        drafts.deleteLeftovers(state);
        report(state);
    }

    private ReleaseFailure versionTaken(ReleaseState state, ImageReference versionRef, String digest) {
        drafts.delete(state);
        return new ReleaseFailure(versionRef + " already exists (" + digest + "): version tags are never "
                + "overwritten. Another build published it after check-update ran; run the build again for the next version");
    }

    /** With the version claimed: checks it is still free, writes it and reads it back. */
    private void writeVersionTag(ReleaseState state, ImageReference versionRef, Manifest manifest) {
        Optional<String> existing = registry.head(versionRef).map(ManifestHead::digest);
        if (existing.isPresent()) {
            throw versionTaken(state, versionRef, existing.get());
        }
        log.info("Promoting " + state.draftName() + ":" + state.draftTag + " to " + versionRef);
        copyInto(versionRef, manifest, state.draftRepository);
        if (proofs != null) {
            // The image by digest, untagged, then its proofs: no tag ever names an image whose proofs are not there.
            registry.putManifest(versionRef.withDigest(manifest.digest()), manifest);
            proofs.attach(state, manifest, true);
        }
        String stored;
        String now;
        try {
            stored = registry.putManifest(versionRef, manifest);
            // The Registry API has no conditional PUT: read back what the tag holds now.
            now = registry.head(versionRef).map(ManifestHead::digest).orElse(stored);
        } catch (TagImmutableException e) {
            drafts.delete(state);
            throw new ReleaseFailure(versionRef + " already exists and the registry keeps it immutable: someone "
                    + "published that version after check-update ran; this build's image was not published and no "
                    + "floating tag moved. Run the build again for the next version");
        } catch (RegistryException e) {
            // The registry went away mid-write: whether the version tag landed is unknown until it answers again.
            throw new ReleaseFailure(ReleaseStep.PUSH, "could not write and confirm " + versionRef + ": " + e.getMessage()
                    + ". No floating tag moved. Run the build again once the registry answers: it finds the version tag "
                    + "if it landed and completes the promotion, or publishes the version again", "", List.of(), e);
        }
        if (!now.equals(manifest.digest())) {
            drafts.delete(state);
            throw new ReleaseFailure(versionRef + " was published by another build at the same time (" + now
                    + "); this build's image was not published and no floating tag moved");
        }
    }

    /** For PROMOTION_INCOMPLETE: the version tag is published and tested; only the floating tags move. */
    public void completePromotion(ReleaseState state, List<String> floatingTags) {
        ImageReference versionRef = ImageReference.of(state.registry, state.repository, state.versionTag);
        Manifest manifest = registry.manifest(versionRef).orElseThrow(() -> new ReleaseFailure(versionRef
                + " is no longer in the registry: run check-update again"));
        log.info("Completing the promotion of " + versionRef + " (" + manifest.digest() + ")");
        if (proofs != null && !proofs.present(state, manifest)) {
            proofs.attach(state, manifest, false);
        }
        state.published(manifest.digest());
        moveFloatingTags(state, versionRef, manifest, floatingTags);
        drafts.deleteLeftovers(state); // the draft of the run that stopped
        report(state);
    }

    private void moveFloatingTags(ReleaseState state, ImageReference versionRef, Manifest manifest, List<String> floatingTags) {
        // Recorded as they move, so a failure further on can say exactly what was published.
        state.startMovingTags();
        for (String floating : floatingTags) {
            ImageReference target = versionRef.withTag(floating);
            try {
                String digest = registry.putManifest(target, manifest);
                if (!digest.equals(manifest.digest())) {
                    throw new ReleaseFailure("registry stored " + target + " as " + digest + ", expected " + manifest.digest());
                }
            } catch (TagImmutableException e) {
                throw new ReleaseFailure(ReleaseStep.PUSH, "published " + versionRef + " but the registry refused to move "
                        + target + ": the repository's tags are immutable and " + floating + " exists. The repository's "
                        + "mutability settings are wrong for floating tags: on ECR use IMMUTABLE_WITH_EXCLUSION with the "
                        + "floating tags (" + String.join(", ", floatingTags) + ") excluded (platform.ecr.manageRepository=true "
                        + "applies it); moved so far: " + (state.movedTags.isEmpty() ? "none" : String.join(", ", state.movedTags)),
                        "", List.of(), e);
            } catch (RegistryException e) {
                throw new ReleaseFailure(ReleaseStep.PUSH, "published " + versionRef + " but could not move " + target
                        + " (moved so far: " + (state.movedTags.isEmpty() ? "none" : String.join(", ", state.movedTags))
                        + "): " + e.getMessage() + ". The next run completes the promotion", "", List.of(), e);
            }
            state.moved(floating);
        }
    }

    /** Makes every blob (and, for an index, every child manifest) of {@code manifest} present in the target repository. */
    private void copyInto(ImageReference target, Manifest manifest, String fromRepository) {
        for (String blob : manifest.blobs()) {
            registry.copyBlob(target, blob, fromRepository);
        }
        for (String child : manifest.children()) {
            ImageReference from = ImageReference.of(target.registry(), fromRepository, null).withDigest(child);
            Manifest childManifest = registry.manifest(from).orElseThrow(() -> new ReleaseFailure(
                    "the index " + manifest.digest() + " lists " + child + ", which " + from.name() + " does not hold"));
            copyInto(target, childManifest, fromRepository);
            registry.putManifest(target.withDigest(child), childManifest);
        }
    }

    private void report(ReleaseState state) {
        log.info("Published " + state.registry + "/" + state.repository);
        log.info("  version tag:   " + state.versionTag);
        log.info("  digest:        " + state.publishedDigest);
        log.info("  floating tags: " + String.join(", ", state.movedTags));
    }
}
