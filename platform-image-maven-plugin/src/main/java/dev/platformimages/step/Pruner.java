package dev.platformimages.step;

import dev.platformimages.image.ImageLabels;
import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.ManifestHead;
import dev.platformimages.registry.PublishedImages;
import dev.platformimages.registry.ReferrerStore;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseTarget;
import dev.platformimages.version.VersionTag;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Retention for registries without lifecycle policies (distribution, Harbor, GHCR, ACR): deletes drafts older than
 * a number of days and versions beyond the newest K, never the newest version, never what a floating tag points
 * at, and never an image that a tag this plugin does not manage points at (a consumer's {@code prod} pin), unless
 * asked to delete such tags too. Deletion is by digest through the Registry API, which removes every tag on the
 * image. In a dry run, lists what would go and deletes nothing; both name the foreign tags that kept an image.
 */
public final class Pruner {

    /** What went (or would go): one line per image deleted. */
    public record Result(List<String> deleted, List<String> kept) {
    }

    private final RegistryClient registry;
    private final ReleaseLog log;

    public Pruner(RegistryClient registry, ReleaseLog log) {
        this.registry = registry;
        this.log = log;
    }

    public Result prune(ReleaseTarget target, int keepVersions, int draftDays, boolean dryRun, Instant now) {
        return prune(target, keepVersions, draftDays, dryRun, false, now);
    }

    /** @param deleteForeignTags delete an image also when tags this plugin does not manage point at it (they go too) */
    public Result prune(ReleaseTarget target, int keepVersions, int draftDays, boolean dryRun, boolean deleteForeignTags,
                        Instant now) {
        if (keepVersions < 1) {
            throw new ReleaseFailure("platform.prune.keepVersions is " + keepVersions + ": keep at least 1 version");
        }
        if (draftDays < 0) {
            throw new ReleaseFailure("platform.prune.draftDays is " + draftDays + ": use 0 or more days");
        }
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        String verb = dryRun ? "Would delete " : "Deleting ";

        // Versions: newest first; keep K, the newest always, and whatever a floating tag points at.
        List<String> tags = registry.tags(target.registry(), target.repository());
        List<VersionTag> versions = tags.stream().map(t -> VersionTag.parse(target.tag(), t)).flatMap(Optional::stream)
                .sorted((a, b) -> b.version().compareTo(a.version())).collect(Collectors.toList());
        Set<String> protectedDigests = new HashSet<>();
        for (String floating : target.floatingTags()) {
            registry.head(target.reference(floating)).map(ManifestHead::digest).ifPresent(protectedDigests::add);
        }
        ForeignTags foreign = ForeignTags.read(registry, target.registry(), target.repository(), TagOwnership.of(target));
        for (int i = 0; i < versions.size(); i++) {
            VersionTag version = versions.get(i);
            if (i < keepVersions) {
                continue;
            }
            ImageReference ref = target.reference(version.tag());
            Optional<String> digest = registry.head(ref).map(ManifestHead::digest);
            if (digest.isEmpty()) {
                continue;
            }
            if (protectedDigests.contains(digest.get())) {
                kept.add(version.tag() + " (a floating tag points at it)");
                log.info("Keeping " + ref + ": a floating tag points at it");
                continue;
            }
            List<String> foreignOnIt = foreign.on(digest.get());
            if (!foreignOnIt.isEmpty() && !deleteForeignTags) {
                kept.add(version.tag() + " (tags this plugin does not manage point at it: " + String.join(", ", foreignOnIt) + ")");
                log.info("Keeping " + ref + ": tags this plugin does not manage point at it: " + String.join(", ", foreignOnIt)
                        + " (platform.prune.deleteForeignTags=true deletes them with it)");
                continue;
            }
            log.info(verb + ref + " (" + digest.get() + "): beyond the newest " + keepVersions + " versions"
                    + (foreignOnIt.isEmpty() ? "" : "; with it the tags this plugin does not manage: " + String.join(", ", foreignOnIt)));
            List<String> platformImages = dryRun ? List.of()
                    : registry.manifest(ref.withDigest(digest.get())).map(m -> m.children()).orElse(List.of());
            delete(ref.withDigest(digest.get()), dryRun);
            if (!dryRun) {
                // Its inventory, signatures and attestations (and those of its platform images), and what else refers to it.
                ReferrerStore store = new ReferrerStore(registry);
                List<String> subjects = new java.util.ArrayList<>(List.of(digest.get()));
                subjects.addAll(platformImages);
                for (String subject : subjects) {
                    store.deleteAll(ref.withDigest(subject));
                    store.deleteCosignImages(ref.withDigest(subject));
                }
            }
            deleted.add(version.tag());
        }

        // Drafts: promoted or failed ones are deleted as they go; what is left is from runs that stopped.
        boolean shared = target.draftRepository().equals(target.repository());
        ForeignTags foreignInDrafts = shared ? foreign
                : ForeignTags.read(registry, target.registry(), target.draftRepository(), TagOwnership.drafts());
        for (String draftTag : registry.tags(target.registry(), target.draftRepository())) {
            if (!draftTag.startsWith(Drafts.PREFIX)) {
                continue; // drafts that share the release repository (ECR) sit among the versions
            }
            ImageReference draft = ImageReference.of(target.registry(), target.draftRepository(), draftTag);
            PublishedImages.Published image;
            try {
                image = new PublishedImages(registry).describe(draft);
            } catch (RegistryException e) {
                continue; // gone meanwhile
            }
            Optional<Instant> created = created(image.labels().get(ImageLabels.CREATED));
            if (created.isPresent() && Duration.between(created.get(), now).toDays() < draftDays) {
                kept.add(draftTag + " (younger than " + draftDays + " days)");
                continue;
            }
            List<String> foreignOnDraft = foreignInDrafts.on(image.digest());
            if (!shared && !foreignOnDraft.isEmpty() && !deleteForeignTags) {
                kept.add(draftTag + " (tags this plugin does not manage point at it: " + String.join(", ", foreignOnDraft) + ")");
                log.info("Keeping draft " + draft + ": tags this plugin does not manage point at it: "
                        + String.join(", ", foreignOnDraft) + " (platform.prune.deleteForeignTags=true deletes them with it)");
                continue;
            }
            log.info(verb + "draft " + draft + " (" + image.digest() + "), created "
                    + created.map(Instant::toString).orElse("at an unknown time"));
            if (shared && !dryRun) {
                registry.deleteTag(draft); // by digest would also delete a version tag on the same image
            } else {
                delete(draft.withDigest(image.digest()), dryRun);
            }
            deleted.add(target.draftRepository() + ":" + draftTag);
        }
        log.info((dryRun ? "Dry run: would delete " : "Deleted ") + deleted.size() + " image(s); kept "
                + kept.size() + " that the rules protect");
        return new Result(deleted, kept);
    }

    private void delete(ImageReference byDigest, boolean dryRun) {
        if (dryRun) {
            return;
        }
        try {
            registry.deleteManifest(byDigest);
        } catch (RegistryException e) {
            throw new ReleaseFailure(e.getMessage() + ": enable deletes in the registry (distribution: storage.delete."
                    + "enabled: true), or use its own retention rules", e);
        }
    }

    private static Optional<Instant> created(String label) {
        try {
            return label == null ? Optional.empty() : Optional.of(Instant.parse(label));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
