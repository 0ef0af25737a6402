package dev.platformimages.service;

import dev.platformimages.decision.ImageProvenance;
import dev.platformimages.decision.UpdateDecider;
import dev.platformimages.decision.UpdateDecision;
import dev.platformimages.decision.UpdateReason;
import dev.platformimages.dockerfile.Dockerfile;
import dev.platformimages.dockerfile.UpstreamUse;
import dev.platformimages.image.ImageLabels;
import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.ManifestHead;
import dev.platformimages.registry.PublishedImages;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.state.ReleaseState;
import dev.platformimages.version.Bump;
import dev.platformimages.version.VersionTag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The check-update step: resolves the digest of every upstream base (a HEAD each), finds the newest
 * published version and reads its labels, and lets {@link UpdateDecider} decide. Needs no Docker engine.
 */
public final class UpdateChecker {

    private final RegistryClient registry;
    private final ReleaseLog log;

    public UpdateChecker(RegistryClient registry, ReleaseLog log) {
        this.registry = registry;
        this.log = log;
    }

    public ReleaseState check(ImageDefinition definition, ReleaseTarget target, boolean force, Bump bump) {
        Dockerfile dockerfile = definition.parse();
        Map<String, String> baseDigests = resolveBases(definition, dockerfile);
        String definitionHash = definition.definitionHash();
        log.info("Definition " + definitionHash + " (" + definition.dockerfile().getFileName() + ", "
                + definition.buildArgs().size() + " build args, context files)");
        ImageProvenance current = new ImageProvenance(definitionHash, baseDigests);

        Optional<VersionTag> newest;
        try {
            newest = VersionTag.newest(target.tag(), registry.tags(target.registry(), target.repository()));
        } catch (RegistryException e) {
            throw new ReleaseFailure("cannot list the versions of " + target.registry() + "/" + target.repository()
                    + " (platform.registry, platform.repository): " + e.getMessage(), e);
        }
        ImageProvenance published = null;
        if (newest.isPresent()) {
            Map<String, String> labels = new PublishedImages(registry).labels(target.reference(newest.get().tag()));
            published = new ImageProvenance(labels.get(ImageLabels.DEFINITION_HASH),
                    ImageLabels.decodeBases(labels.get(ImageLabels.BASES)));
            log.info("Newest published version " + newest.get() + ": " + published);
        }
        UpdateDecider decider = new UpdateDecider();
        UpdateDecision decision = decider.decide(target.tag(), force, bump, newest.orElse(null), published, current);
        if (decision.reason() == UpdateReason.UP_TO_DATE && newest.isPresent()) {
            List<String> floating = target.floatingTags();
            String last = floating.get(floating.size() - 1);
            decision = decider.checkPromotion(decision, last,
                    registry.head(target.reference(last)).map(ManifestHead::digest).orElse(null),
                    registry.head(target.reference(newest.get().tag())).map(ManifestHead::digest).orElse(null));
        }

        ReleaseState state = new ReleaseState();
        state.registry = target.registry();
        state.repository = target.repository();
        state.tag = target.tag();
        state.reason = decision.reason();
        state.explanation = decision.explanation();
        state.changes = new ArrayList<>(decision.changes());
        state.startedAt = Instant.now().toString();
        // A published version tag was tested before it was published: completing its promotion tests nothing.
        state.tested = decision.reason() == UpdateReason.PROMOTION_INCOMPLETE;
        state.previousVersionTag = decision.previous().map(VersionTag::tag).orElse(null);
        state.versionTag = decision.next().map(VersionTag::tag).orElse(null);
        state.version = decision.next().map(v -> v.version().toString()).orElse(null);
        state.definitionHash = definitionHash;
        state.baseDigests = baseDigests;
        state.finalBase = dockerfile.finalUpstreamImage().map(b -> ImageReference.parse(b).toString()).orElse(null);
        state.floatingTags = target.floatingTags();
        state.draftRepository = target.draftRepository();
        return state;
    }

    /** Canonical reference of each upstream image (FROM and COPY --from) to the digest its tag resolves to now. */
    private Map<String, String> resolveBases(ImageDefinition definition, Dockerfile dockerfile) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (UpstreamUse use : dockerfile.upstreamUses()) {
            String where = definition.dockerfile().getFileName() + " line " + use.line();
            ImageReference reference;
            try {
                reference = ImageReference.parse(use.image());
            } catch (IllegalArgumentException e) {
                throw new ReleaseFailure(where + ": " + use.instruction() + " " + use.image()
                        + " is not a valid image reference: " + e.getMessage());
            }
            if (digests.containsKey(reference.toString())) {
                continue;
            }
            Optional<ManifestHead> head;
            try {
                head = registry.head(reference);
            } catch (RegistryException e) {
                throw new ReleaseFailure(where + ": cannot resolve upstream image " + reference + ": " + e.getMessage(), e);
            }
            String digest = head.orElseThrow(() -> new ReleaseFailure(where + ": upstream image " + reference
                    + " does not exist in registry " + reference.registry() + ": check the " + use.instruction()
                    + " line and its build args"))
                    .digest();
            if (reference.digest() != null && !reference.digest().equals(digest)) {
                throw new ReleaseFailure(where + ": registry answered " + digest + " for the pinned " + reference);
            }
            log.info("Upstream base " + reference + " -> " + digest);
            digests.put(reference.toString(), digest);
        }
        return digests;
    }
}
