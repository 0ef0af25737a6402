package dev.platformimages.step;

import dev.platformimages.agent.AgentTags;
import dev.platformimages.engine.ImageEngine;
import dev.platformimages.image.ImageLabels;
import dev.platformimages.image.ImageReference;
import dev.platformimages.image.Platforms;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.PlatformIndex;
import dev.platformimages.registry.PublishedImages;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryCredentials;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseTags;
import dev.platformimages.release.RunOwner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Drafts: the built image goes to the registry before its gates, under a draft tag in the draft repository, so
 * that the gates test the exact manifest digest push later promotes. A draft lives in its own repository (not
 * among the release's tags) because the Registry API can only delete a manifest with all its tags: a draft in
 * the release repository could not be removed after promotion without removing the version tag with it.
 */
public final class Drafts {

    /** Every draft tag starts with this. */
    public static final String PREFIX = ReleaseTags.DRAFT_PREFIX;

    private final RegistryClient registry;
    private final ReleaseLog log;

    public Drafts(RegistryClient registry, ReleaseLog log) {
        this.registry = registry;
        this.log = log;
    }

    /**
     * {@code draft-{version}-{first 12 hex of the image id}-r{host hash}.{pid}.{start}}: unique per build, sortable
     * by version, and naming the run that pushed it, so that a later release knows when that run is gone.
     */
    public static String draftTag(String version, String imageId) {
        return draftTag(version, imageId, RunOwner.current());
    }

    static String draftTag(String version, String imageId, RunOwner owner) {
        String hex = imageId.startsWith("sha256:") ? imageId.substring("sha256:".length()) : imageId;
        return PREFIX + version + "-" + hex.substring(0, Math.min(12, hex.length())) + owner.tagPart();
    }

    /**
     * Pushes the image docker-build made as a draft and checks that the registry holds exactly it; records the
     * draft in {@code state} and returns the reference the gates test: {@code registry/draftRepository@digest}.
     *
     * @param credentials the registry's credentials, asked for at each push (an ECR token may be renewed between
     *                    the pushes of two platforms); null inside for none
     */
    public String push(ReleaseState state, ImageEngine engine, Supplier<RegistryCredentials> credentials) {
        if (!state.platforms.isEmpty()) {
            return pushIndex(state, engine, credentials);
        }
        // By the id docker-build recorded, not by its local name: another build on the same engine (a second job of
        // the agent) may have given that name to its own image meanwhile.
        if (state.imageId == null || engine.imageId(state.imageId).isEmpty()) {
            throw new ReleaseFailure("the engine has no image " + state.imageId + " (what docker-build made for "
                    + state.imageName() + ":" + state.versionTag + "): run docker-build first (mvn package runs it)");
        }
        ImageReference version = ImageReference.of(state.registry, state.repository, state.versionTag);
        registry.head(version).ifPresent(taken -> {
            throw new ReleaseFailure(version + " already exists (" + taken.digest() + "): version tags are never "
                    + "overwritten. It was published after check-update ran; run the build again for the next version");
        });
        state.draftTagged(draftTag(state.version, state.imageId));
        ImageReference draft = ImageReference.of(state.registry, state.draftRepository, state.draftTag);
        engine.tag(state.imageId, state.draftName(), state.draftTag);
        log.info("Pushing draft " + draft);
        try {
            engine.push(state.draftName(), state.draftTag, credentials.get(), line -> log.info("  " + line));
        } finally {
            engine.removeImage(draft.toString()); // only the local name; the image keeps its version tag
        }
        Manifest manifest = registry.manifest(draft).orElseThrow(() -> new ReleaseFailure(
                "the engine reported a successful push but " + draft + " is not in the registry"));
        PublishedImages.Published pushed = new PublishedImages(registry).describe(draft);
        if (!isTheBuild(state, pushed)) {
            throw new ReleaseFailure("the registry holds image " + pushed.configDigest() + " (build "
                    + pushed.labels().get(ImageLabels.BUILD) + ") under " + draft + ", not the one docker-build made ("
                    + state.imageId + ", build " + state.buildId + "): nothing was published");
        }
        state.draftPushed(manifest.digest());
        log.info("Draft " + draft + " is " + manifest.digest() + ": the gates test this digest");
        return state.draftName() + "@" + manifest.digest();
    }

    /**
     * With several platforms: pushes each platform's image as {@code draftTag-os-arch}, checks it is that image and
     * of that architecture, then puts an index of them under the draft tag (a Docker manifest list when the engine
     * pushed Docker manifests, else an OCI index). Returns {@code registry/draftRepository@indexDigest}.
     */
    private String pushIndex(ReleaseState state, ImageEngine engine, Supplier<RegistryCredentials> credentials) {
        refuseTakenVersion(state);
        state.draftTagged(draftTag(state.version, state.imageId));
        List<PlatformIndex.Entry> entries = new ArrayList<>();
        for (String platform : state.buildPlatforms()) {
            String local = ImageBuilder.localName(state, platform);
            String expected = state.platformImageIds.get(platform);
            String localId = engine.imageId(local).orElseThrow(() -> new ReleaseFailure(
                    "the engine has no image " + local + ": run docker-build first (mvn package runs it)"));
            if (!localId.equals(expected)) {
                throw new ReleaseFailure(local + " is " + localId + ", not the image docker-build made for " + platform
                        + " (" + expected + "): run the build again");
            }
            String tag = state.draftTag + "-" + Platforms.tagSuffix(platform);
            ImageReference draft = ImageReference.of(state.registry, state.draftRepository, tag);
            engine.tag(localId, state.draftName(), tag);
            log.info("Pushing draft " + draft + " (" + platform + ")");
            try {
                engine.push(state.draftName(), tag, credentials.get(), line -> log.info("  " + line));
            } finally {
                engine.removeImage(draft.toString());
            }
            Manifest manifest = registry.manifest(draft).orElseThrow(() -> new ReleaseFailure(
                    "the engine reported a successful push but " + draft + " is not in the registry"));
            PublishedImages.Published pushed = new PublishedImages(registry).describe(draft);
            if (state.buildId != null ? !state.buildId.equals(pushed.labels().get(ImageLabels.BUILD))
                    : !pushed.configDigest().equals(expected)) {
                throw new ReleaseFailure("the registry holds image " + pushed.configDigest() + " (build "
                        + pushed.labels().get(ImageLabels.BUILD) + ") under " + draft + ", not the one docker-build made for "
                        + platform + " (" + expected + ", build " + state.buildId + "): nothing was published");
            }
            String architecture = pushed.architecture();
            if (!Platforms.architecture(platform).equals(architecture)) {
                throw new ReleaseFailure("the image built for " + platform + " says its architecture is " + architecture
                        + ": the engine did not build for " + platform + "; nothing was published");
            }
            entries.add(new PlatformIndex.Entry(platform, manifest));
            state.draftPushedFor(platform, manifest.digest());
        }
        if (state.byAgents()) {
            // One agent's platform: its image is the draft; the assemble goal makes the index of all agents' drafts.
            String digest = state.draftPlatformDigests.get(state.agentPlatform);
            state.draftPushed(digest);
            log.info("Draft " + state.draftName() + ":" + state.draftTag + "-" + Platforms.tagSuffix(state.agentPlatform)
                    + " is " + digest + ": the gates test this digest on " + state.agentPlatform);
            return state.draftName() + "@" + digest;
        }
        String index = putIndex(state, entries);
        log.info("Draft " + state.draftName() + ":" + state.draftTag + " is the index " + index + " of " + state.platforms
                + ": the gates test each of its images");
        return state.draftName() + "@" + index;
    }

    /**
     * Puts the index of {@code entries} under {@code state}'s draft tag, checks the registry stored those very bytes,
     * and records it as the draft; returns its digest. One machine's release and an assembled one both make it here.
     */
    public String putIndex(ReleaseState state, List<PlatformIndex.Entry> entries) {
        Manifest index = PlatformIndex.of(entries);
        ImageReference draft = ImageReference.of(state.registry, state.draftRepository, state.draftTag);
        String stored = registry.putManifest(draft, index);
        if (!stored.equals(index.digest())) {
            throw new ReleaseFailure("the registry stored the index " + draft + " as " + stored + ", not "
                    + index.digest() + ": nothing was published");
        }
        state.draftPushed(index.digest());
        return index.digest();
    }

    /**
     * Whether the draft in the registry is the image docker-build made: by its build label, comparable on any image
     * store; by config digest (the classic store's image id) for a state written before the label existed.
     */
    static boolean isTheBuild(ReleaseState state, PublishedImages.Published pushed) {
        return state.buildId != null ? state.buildId.equals(pushed.labels().get(ImageLabels.BUILD))
                : pushed.configDigest().equals(state.imageId);
    }

    private void refuseTakenVersion(ReleaseState state) {
        ImageReference version = ImageReference.of(state.registry, state.repository, state.versionTag);
        registry.head(version).ifPresent(taken -> {
            throw new ReleaseFailure(version + " already exists (" + taken.digest() + "): version tags are never "
                    + "overwritten. It was published after check-update ran; run the build again for the next version");
        });
    }

    /**
     * Deletes what earlier runs left behind (a run stopped by a registry restart, a crash or kill -9), except the
     * current draft: drafts and claims of {@code state}'s version (it is published: they can never be promoted),
     * drafts of any other version that is published, and drafts whose run is known to be gone (on this host, its
     * process ended). Best effort: a registry that refuses is reported, never fatal.
     */
    public void deleteLeftovers(ReleaseState state) {
        String prefix = PREFIX + state.version + "-";
        String claims = VersionClaims.PREFIX + state.version + "-";
        java.util.Set<String> published = new java.util.HashSet<>();
        try {
            for (String tag : registry.tags(state.registry, state.repository)) {
                if (state.tag != null) {
                    dev.platformimages.version.VersionTag.parse(state.tag, tag).ifPresent(v -> published.add(v.version().toString()));
                }
            }
        } catch (RegistryException e) {
            // Without the list, only this version's leftovers and those of gone runs are known to be dead.
        }
        List<String> tags;
        try {
            tags = registry.tags(state.registry, state.draftRepository);
        } catch (RegistryException e) {
            log.warn("Could not list " + state.draftName() + " for leftover drafts: " + e.getMessage());
            return;
        }
        boolean shared = state.draftRepository.equals(state.repository);
        ForeignTags foreign = null;
        for (String tag : tags) {
            boolean mine = state.draftTag != null && tag.startsWith(state.draftTag)
                    // The decision of the release just assembled stays until the next release's publish: a second
                    // assemble of it then finds it published instead of finding nothing to assemble.
                    || state.releaseId != null && AgentTags.decisionVersion(tag, state.releaseId).isPresent();
            boolean leftover = !mine && (tag.startsWith(prefix) || tag.startsWith(claims)
                    || tag.startsWith(PREFIX) && (published.contains(versionOf(tag))
                    || RunOwner.fromTag(tag).map(RunOwner::isGone).orElse(false)));
            if (!leftover) {
                continue;
            }
            ImageReference stale = ImageReference.of(state.registry, state.draftRepository, tag);
            try {
                if (shared) {
                    registry.deleteTag(stale);
                } else {
                    var head = registry.head(stale);
                    if (head.isEmpty()) {
                        continue;
                    }
                    foreign = foreign != null ? foreign : foreignInDrafts(state);
                    if (keptForForeignTags(state, tag, head.get().digest(), foreign)) {
                        continue;
                    }
                    registry.deleteManifest(stale.withDigest(head.get().digest()));
                }
                if (state.releaseId != null && tag.startsWith(prefix)) {
                    // A release assembled from agents: their drafts and records of this version are done with.
                    log.info("Deleted " + (tag.contains("-release-") ? "record " : "agent's draft ") + state.draftName() + ":"
                            + tag + " (" + state.versionTag + " is published)");
                } else {
                    log.info("Deleted leftover " + (tag.startsWith(claims) ? "claim " : "draft ") + state.draftName() + ":"
                            + tag + " of an earlier run that stopped");
                }
            } catch (RegistryException e) {
                log.warn("Leftover draft " + state.draftName() + ":" + tag + " stays: " + e.getMessage());
            }
        }
    }

    /** The version of a draft tag, {@code draft-1.4.0-...} gives 1.4.0. */
    static String versionOf(String draftTag) {
        String rest = draftTag.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        return dash < 0 ? rest : rest.substring(0, dash);
    }

    private ForeignTags foreignInDrafts(ReleaseState state) {
        return ForeignTags.read(registry, state.registry, state.draftRepository, TagOwnership.drafts());
    }

    /** Whether a draft stays because tags this plugin does not manage point at its image (deleting it would delete them). */
    private boolean keptForForeignTags(ReleaseState state, String draftTag, String digest, ForeignTags foreign) {
        List<String> tags = foreign.on(digest);
        if (tags.isEmpty()) {
            return false;
        }
        log.warn("Draft " + state.draftName() + ":" + draftTag + " stays: tags this plugin does not manage point at its "
                + "image (" + String.join(", ", tags) + "), and deleting it would delete them. Remove them, then the draft");
        return true;
    }

    /** Deletes the draft of {@code state}, if any. A registry that refuses is reported, never fatal. */
    public void delete(ReleaseState state) {
        if (state.draftDigest == null) {
            return;
        }
        ImageReference draft = ImageReference.of(state.registry, state.draftRepository, null).withDigest(state.draftDigest);
        try {
            boolean shared = state.draftRepository.equals(state.repository);
            ForeignTags foreign = shared ? null : foreignInDrafts(state);
            if (shared) {
                // ECR: the draft tag shares its image with the version tag after promotion; only the tag goes.
                registry.deleteTag(draft.withTag(state.byAgents()
                        ? state.draftTag + "-" + Platforms.tagSuffix(state.agentPlatform) : state.draftTag));
            } else if (keptForForeignTags(state, state.draftTag, state.draftDigest, foreign)) {
                return;
            } else {
                registry.deleteManifest(draft);
            }
            // The platform images of an index draft, once nothing refers to them (an agent's draft is its platform image).
            for (Map.Entry<String, String> child : state.byAgents() ? Map.<String, String>of().entrySet()
                    : state.draftPlatformDigests.entrySet()) {
                ImageReference image = ImageReference.of(state.registry, state.draftRepository, null).withDigest(child.getValue());
                String childTag = state.draftTag + "-" + Platforms.tagSuffix(child.getKey());
                if (shared && state.releaseId != null) {
                    continue; // agents' drafts, tagged by their agents: deleteLeftovers removes this version's tags
                }
                if (shared) {
                    registry.deleteTag(image.withTag(childTag));
                } else if (!keptForForeignTags(state, childTag, child.getValue(), foreign)) {
                    registry.deleteManifest(image);
                }
            }
            log.info("Deleted draft " + state.draftName() + ":" + state.draftTag);
        } catch (RegistryException e) {
            log.warn("Draft " + state.draftName() + ":" + state.draftTag + " stays: " + e.getMessage()
                    + " (it is not a release: delete it when convenient)");
        }
    }
}
