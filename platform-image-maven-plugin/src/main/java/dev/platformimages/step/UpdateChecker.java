package dev.platformimages.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformimages.decision.BaseAge;
import dev.platformimages.decision.ImageProvenance;
import dev.platformimages.decision.UpdateDecider;
import dev.platformimages.decision.UpdateDecision;
import dev.platformimages.decision.UpdateReason;
import dev.platformimages.dockerfile.Dockerfile;
import dev.platformimages.dockerfile.UpstreamUse;
import dev.platformimages.image.ImageLabels;
import dev.platformimages.image.ImageReference;
import dev.platformimages.image.Platforms;
import dev.platformimages.image.RegistryMirrors;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.ManifestHead;
import dev.platformimages.registry.McrCatalog;
import dev.platformimages.registry.MediaTypes;
import dev.platformimages.registry.PlatformSelector;
import dev.platformimages.registry.PublishedImages;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseTarget;
import dev.platformimages.version.Bump;
import dev.platformimages.version.VersionTag;

import java.time.Clock;
import java.time.Duration;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClient registry;
    private final ReleaseLog log;
    private McrCatalog catalog;
    private Duration minBaseAge = Duration.ZERO;
    private Clock clock = Clock.systemUTC();

    public UpdateChecker(RegistryClient registry, ReleaseLog log) {
        this.registry = registry;
        this.log = log;
    }

    /**
     * Resolves images of mcr.microsoft.com through the MCR catalog instead of the Registry API (the seeds' way,
     * platform.mcrCatalog): its digest when it gives one, else its lastModifiedDate, with a warning.
     */
    public UpdateChecker withMcrCatalog(McrCatalog mcrCatalog) {
        this.catalog = mcrCatalog;
        return this;
    }

    /**
     * Holds back a base change younger than {@code minAge} (platform.minBaseAge, {@link BaseAge}): the check then says
     * UP_TO_DATE, with the pending change and when it is taken. A forced release and a definition change are not held.
     */
    public UpdateChecker withMinBaseAge(Duration minAge, Clock now) {
        this.minBaseAge = minAge;
        this.clock = now;
        return this;
    }

    public ReleaseState check(ImageDefinition definition, ReleaseTarget target, boolean force, Bump bump) {
        return check(definition, target, force, bump, false, RegistryMirrors.none());
    }

    /**
     * @param tagDigestCounts any change of what a base tag resolves to is an update (platform.baseChange=tag)
     * @param mirrors         where upstream registries are read from instead (platform.mirrors)
     */
    public ReleaseState check(ImageDefinition definition, ReleaseTarget target, boolean force, Bump bump,
                              boolean tagDigestCounts, RegistryMirrors mirrors) {
        Dockerfile dockerfile = definition.parse();
        Optional<VersionTag> newest;
        List<String> publishedTags;
        Optional<NewestVersion.Found> found;
        try {
            publishedTags = registry.tags(target.registry(), target.repository());
            found = NewestVersion.read(registry, target, publishedTags);
            newest = found.map(NewestVersion.Found::version);
        } catch (RegistryException e) {
            throw new ReleaseFailure("cannot list the versions of " + target.registry() + "/" + target.repository()
                    + " (platform.registry, platform.repository): " + e.getMessage(), e);
        }
        ImageProvenance published = null;
        String newestCreated = null;
        String newestDigest = null;
        List<String> newestPlatforms = List.of();
        boolean newestUntested = false;
        if (found.isPresent()) {
            PublishedImages.Published newestImage = found.get().image();
            Map<String, String> labels = newestImage.labels();
            newestDigest = newestImage.digest();
            published = new ImageProvenance(labels.get(ImageLabels.DEFINITION_HASH),
                    ImageLabels.decodeBases(labels.get(ImageLabels.BASES)),
                    ImageLabels.decodeBases(labels.get(ImageLabels.BASES_PLATFORM)));
            newestCreated = labels.get(ImageLabels.CREATED);
            newestUntested = "true".equals(labels.get(ImageLabels.UNTESTED));
            newestPlatforms = newestImage.platforms();
            log.info("Newest published version " + newest.get() + ": " + published);
        }
        Map<String, String> baseDigests = new LinkedHashMap<>();
        Map<String, String> platformDigests = new LinkedHashMap<>();
        Map<String, String> viaMirror = new LinkedHashMap<>();
        resolveBases(definition, dockerfile, published, mirrors, baseDigests, platformDigests, viaMirror);
        String definitionHash = definition.definitionHash();
        log.info("Definition " + definitionHash + " (" + definition.dockerfile().getFileName() + ", "
                + definition.buildArgs().size() + " build args, context files)");
        ImageProvenance current = new ImageProvenance(definitionHash, baseDigests, platformDigests);

        UpdateDecider decider = new UpdateDecider(tagDigestCounts);
        UpdateDecision decision = decider.decide(target.tag(), force, bump, newest.orElse(null), published, current);
        BaseAge.Verdict age = decision.reason() == UpdateReason.BASE_CHANGED && !minBaseAge.isZero()
                ? BaseAge.judge(minBaseAge, clock.instant(), newBases(decider, published, current, viaMirror))
                : new BaseAge.Verdict(null, null, List.of());
        age.notes().forEach(note -> log.info("Note: " + note));
        if (age.holds()) {
            decision = new UpdateDecision(UpdateReason.UP_TO_DATE, age.explanation(), decision.previous().orElseThrow(),
                    null, List.of(), decision.notes());
        }
        decision.notes().forEach(note -> log.info("Note: " + note));
        boolean newestRolledBack = newest.isPresent() && publishedTags.contains(Rollback.markerTag(newest.get().tag()));
        if (newestRolledBack) {
            log.info("Note: " + newest.get() + " was rolled back (tag " + Rollback.markerTag(newest.get().tag())
                    + "): the floating tags stay where the rollback put them; a new release gets a new version");
        }
        if (decision.reason() == UpdateReason.UP_TO_DATE && newest.isPresent() && !newestRolledBack) {
            List<String> floating = target.floatingTags();
            String last = floating.get(floating.size() - 1);
            String floatingDigest = found.get().lastFloatingRead() ? found.get().lastFloatingDigest()
                    : registry.head(target.reference(last)).map(ManifestHead::digest).orElse(null);
            decision = decider.checkPromotion(decision, last, floatingDigest, newestDigest);
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
        state.previousCreated = newestCreated;
        state.previousDigest = newestDigest;
        state.previousPlatforms = new ArrayList<>(newestPlatforms);
        state.previousUntested = newestUntested;
        state.previousBaseDigests = published == null ? new LinkedHashMap<>() : new LinkedHashMap<>(published.baseDigests());
        state.versionTag = decision.next().map(VersionTag::tag).orElse(null);
        state.version = decision.next().map(v -> v.version().toString()).orElse(null);
        state.definitionHash = definitionHash;
        state.baseDigests = baseDigests;
        state.basePlatformDigests = platformDigests;
        state.baseMirrors = viaMirror;
        state.finalBase = dockerfile.finalUpstreamImage().map(b -> ImageReference.parse(b).toString()).orElse(null);
        state.floatingTags = target.floatingTags();
        state.draftRepository = target.draftRepository();
        state.platforms = new ArrayList<>(definition.platforms());
        if (age.holds() && state.reason == UpdateReason.UP_TO_DATE) {
            state.pending = age.explanation();
            state.pendingUntil = age.takenFrom().toString();
        }
        return state;
    }

    /**
     * The bases whose change counts ({@link UpdateDecider#countsAsChange}), each with when its new image was built:
     * the image of the platform built (each platform's, for several), read from the mirror where there is one.
     */
    private List<BaseAge.NewBase> newBases(UpdateDecider decider, ImageProvenance published, ImageProvenance current,
                                           Map<String, String> viaMirror) {
        List<BaseAge.NewBase> bases = new ArrayList<>();
        PublishedImages images = new PublishedImages(registry);
        for (Map.Entry<String, String> base : current.baseDigests().entrySet()) {
            String name = base.getKey();
            String platformNow = current.platformDigests().get(name);
            if (!decider.countsAsChange(name, published, current)) {
                continue;
            }
            if (base.getValue().startsWith("date:")) {
                bases.add(new BaseAge.NewBase(name, base.getValue(), null)); // the MCR catalog's date: no image to read
                continue;
            }
            ImageReference readFrom = ImageReference.parse(viaMirror.getOrDefault(name, name));
            Map<String, String> perPlatform = Platforms.decode(platformNow);
            List<String> digests = perPlatform.isEmpty() ? List.of(platformNow == null ? base.getValue() : platformNow)
                    : List.copyOf(perPlatform.values());
            for (String digest : digests) {
                Instant created = null;
                try {
                    String text = images.describe(readFrom.withDigest(digest)).created();
                    created = text == null ? null : java.time.OffsetDateTime.parse(text).toInstant();
                } catch (RegistryException | java.time.format.DateTimeParseException e) {
                    log.info("Note: when " + name + "'s new image " + digest + " was built cannot be read: " + e.getMessage());
                }
                bases.add(new BaseAge.NewBase(name, digest, created));
            }
        }
        return bases;
    }

    /**
     * Fills, for each upstream image (FROM and COPY --from) by canonical reference, the digest its tag resolves
     * to now and the digest of the image for the platform built: for a multi-arch tag (an index), its entry for
     * the FROM's --platform or this machine's platform. The index is read only when the tag moved since the
     * published version: an unchanged tag costs one HEAD.
     */
    private void resolveBases(ImageDefinition definition, Dockerfile dockerfile, ImageProvenance published,
                              RegistryMirrors mirrors, Map<String, String> digests, Map<String, String> platformDigests,
                              Map<String, String> viaMirror) {
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
            if (catalog != null && reference.registry().equals(McrCatalog.HOST) && reference.digest() == null) {
                if (!definition.platforms().isEmpty()) {
                    throw new ReleaseFailure(where + ": platform.mcrCatalog gives one digest per tag, not one per platform: "
                            + "leave it unset to build platform.platforms " + definition.platforms());
                }
                String fingerprint = fromCatalog(where, reference);
                digests.put(reference.toString(), fingerprint);
                platformDigests.put(reference.toString(), fingerprint);
                continue;
            }
            // A mirror serves the same manifests under another name: read there, record under the upstream's name.
            ImageReference fetchFrom = mirrors.mirrorOf(reference).orElse(reference);
            String via = fetchFrom == reference ? "" : " (via mirror " + fetchFrom.name() + ")";
            if (fetchFrom != reference) {
                viaMirror.put(reference.toString(), fetchFrom.toString());
            }
            Optional<ManifestHead> head;
            try {
                head = registry.head(fetchFrom);
            } catch (RegistryException e) {
                throw new ReleaseFailure(where + ": cannot resolve upstream image " + reference + via + ": " + e.getMessage(), e);
            }
            String digest = head.orElseThrow(() -> new ReleaseFailure(where + ": upstream image " + reference + via
                    + " does not exist in registry " + fetchFrom.registry() + ": check the " + use.instruction()
                    + " line and its build args" + (via.isEmpty() ? "" : ", and platform.mirrors")))
                    .digest();
            if (reference.digest() != null && !reference.digest().equals(digest)) {
                throw new ReleaseFailure(where + ": registry answered " + digest + " for the pinned " + reference);
            }
            digests.put(reference.toString(), digest);
            String platform = use.platform() != null ? use.platform() : HostPlatform.current();
            List<String> built = use.platform() != null ? List.of() : definition.platforms();
            String platformDigest;
            String publishedPlatformDigest = published == null ? null : published.platformDigests().get(reference.toString());
            if (published != null && digest.equals(published.baseDigests().get(reference.toString()))
                    && publishedPlatformDigest != null
                    && (built.isEmpty() || Platforms.decode(publishedPlatformDigest).keySet().equals(new java.util.LinkedHashSet<>(built)))) {
                platformDigest = publishedPlatformDigest; // the tag did not move: neither did its entries
            } else if (!built.isEmpty()) {
                if (!MediaTypes.isIndex(head.get().mediaType())) {
                    throw new ReleaseFailure(where + ": upstream image " + reference + via + " is a single-platform image, "
                            + "so it has no entry for each of platform.platforms " + built + ": use a multi-arch tag");
                }
                Map<String, String> entries = new LinkedHashMap<>();
                for (String p : built) {
                    entries.put(p, platformEntry(where, fetchFrom.withDigest(digest), p));
                }
                platformDigest = Platforms.encode(entries);
                platform = String.join(", ", built);
            } else if (MediaTypes.isIndex(head.get().mediaType())) {
                platformDigest = platformEntry(where, fetchFrom.withDigest(digest), platform);
            } else {
                platformDigest = digest;
            }
            platformDigests.put(reference.toString(), platformDigest);
            log.info("Upstream base " + reference + via + " -> " + digest
                    + (platformDigest.equals(digest) ? "" : " (" + platform + ": " + platformDigest + ")"));
        }
    }

    /**
     * What the MCR catalog says {@code reference}'s tag is: its digest, or, when the catalog gives none,
     * {@code date:<lastModifiedDate>}, which misses republishes within the same timestamp: said as a warning.
     */
    private String fromCatalog(String where, ImageReference reference) {
        McrCatalog.CatalogTag entry;
        try {
            entry = catalog.find(reference.repository(), reference.tag(), HostPlatform.current().split("/")[1])
                    .orElseThrow(() -> new ReleaseFailure(where + ": the MCR catalog lists no tag '" + reference.tag()
                            + "' for " + reference.repository() + " (platform.mcrCatalog): check the FROM line, or leave "
                            + "platform.mcrCatalog unset to ask the registry itself"));
        } catch (RegistryException e) {
            throw new ReleaseFailure(where + ": " + e.getMessage() + " (platform.mcrCatalog)", e);
        }
        if (entry.digest() != null) {
            log.info("Upstream base " + reference + " -> " + entry.digest() + " (MCR catalog)");
            return entry.digest();
        }
        if (entry.lastModifiedDate() == null) {
            throw new ReleaseFailure(where + ": the MCR catalog gives neither a digest nor a lastModifiedDate for "
                    + reference + " (platform.mcrCatalog)");
        }
        log.warn("The MCR catalog gives no digest for " + reference + ": comparing its lastModifiedDate "
                + entry.lastModifiedDate() + ", which misses a republish with the same date. The build pulls the tag "
                + "unpinned. Leave platform.mcrCatalog unset to compare digests");
        return "date:" + entry.lastModifiedDate();
    }

    /** The digest of {@code platform}'s entry in the index {@code index}; fails naming the platforms it has. */
    private String platformEntry(String where, ImageReference index, String platform) {
        Manifest manifest;
        try {
            manifest = registry.manifest(index).orElseThrow(() -> new ReleaseFailure(where + ": " + index + " vanished"));
        } catch (RegistryException e) {
            throw new ReleaseFailure(where + ": cannot read the index of " + index + ": " + e.getMessage(), e);
        }
        JsonNode json;
        try {
            json = JSON.readTree(manifest.body());
        } catch (java.io.IOException e) {
            throw new ReleaseFailure(where + ": the index of " + index + " is not JSON", e);
        }
        String[] osArch = platform.split("/");
        return PlatformSelector.selectExactly(json, osArch[0], osArch.length > 1 ? osArch[1] : "", osArch.length > 2 ? osArch[2] : null)
                .orElseThrow(() -> new ReleaseFailure(where + ": upstream image " + index.name() + " has no image for "
                        + platform + " (it has " + PlatformSelector.platforms(json) + ")"));
    }
}
