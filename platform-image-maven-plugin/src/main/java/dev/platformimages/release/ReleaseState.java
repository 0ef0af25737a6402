package dev.platformimages.release;

import dev.platformimages.decision.UpdateReason;
import dev.platformimages.packages.PackageReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one release of one image has got to, written to {@code target/platform-image/state.json} by
 * check-update and completed by each later goal, so that goals run in one build or as separate
 * {@code mvn platform-image:<goal>} calls see the same decision. Holds no secret.
 */
public final class ReleaseState {
    /** Target registry host[:port]. */
    public String registry;
    public String repository;
    /** The tag prefix ({@code platform.tag}). */
    public String tag;

    public UpdateReason reason;
    public String explanation;
    /** The newest published version tag before this release, if any. */
    public String previousVersionTag;
    /** The manifest digest of the newest published version, if any. */
    public String previousDigest;
    /** When the newest published version was built (its org.opencontainers.image.created label), if known. */
    public String previousCreated;
    /** The base digests the newest published version was built from (its labels). */
    public Map<String, String> previousBaseDigests = new LinkedHashMap<>();
    /** The version tag this release publishes, e.g. {@code 8.0-bookworm-slim-1.4.0}; null when up to date. */
    public String versionTag;
    /** The bare version, e.g. {@code 1.4.0}. */
    public String version;

    /** Each change detected, one line each, for example which base changed from which digest to which. */
    public List<String> changes = new ArrayList<>();
    /** When check-update decided (ISO-8601), to tell how long the release took. */
    public String startedAt;

    public String definitionHash;
    /** Upstream base reference (as written, ARGs substituted) to the digest checked. */
    public Map<String, String> baseDigests = new LinkedHashMap<>();
    /** Upstream base reference to the digest of the platform image used (equal to baseDigests for single-platform tags). */
    public Map<String, String> basePlatformDigests = new LinkedHashMap<>();
    /** Upstream base reference to the mirror reference it is fetched from (platform.mirrors); absent when not mirrored. */
    public Map<String, String> baseMirrors = new LinkedHashMap<>();
    /** The upstream base of the final stage, if any (for the OCI base labels). */
    public String finalBase;

    /** The platforms of the newest published version, as check-update found them. */
    public List<String> previousPlatforms = new ArrayList<>();
    /** The platforms built (platform.platforms), or empty: the engine's own, one image, no index. */
    public List<String> platforms = new ArrayList<>();

    /**
     * Set by check-update on a release made by several agents (platform.platform): the one platform this agent builds
     * and gates, and the release all agents share (platform.releaseId); null otherwise.
     */
    public String agentPlatform;
    public String releaseId;

    /** Set by docker-build; with several platforms, the first platform's image. */
    public String imageId;
    /** Set by docker-build with platforms: the image id of each platform. */
    public Map<String, String> platformImageIds = new LinkedHashMap<>();
    /** Set by integration-test with platforms: the manifest digest of each platform's image in the draft index. */
    public Map<String, String> draftPlatformDigests = new LinkedHashMap<>();
    /** The repository drafts go to, e.g. {@code platform/busybox-drafts}. */
    public String draftRepository;
    /** Set by integration-test: the draft tag the image was pushed under before its gates, e.g. draft-1.4.0-0a1b2c3d4e5f. */
    public String draftTag;
    /** The manifest digest of the draft: the exact image the gates tested and push promotes. */
    public String draftDigest;
    /** Set by integration-test once every gate passed. */
    public boolean tested;
    /** Set by docker-build: the id in the image's {@code dev.platformimages.build} label. */
    public String buildId;
    /** Set by check-update: no gate is configured and platform.allowUntested=true publishes the image anyway. */
    public boolean untested;
    /** Whether the newest published version was released untested (its label says so). */
    public boolean previousUntested;
    /** The gates the image passed, in order, set by integration-test. */
    public List<PassedCheck> checks = new ArrayList<>();
    /** Set by push as soon as the version tag holds the tested image. */
    public String publishedDigest;
    /** The floating tags this release moves, from check-update. */
    public List<String> floatingTags = new ArrayList<>();
    /** The floating tags push has moved so far: after a failed push, exactly what was moved. */
    public List<String> movedTags = new ArrayList<>();
    /** Set by push on ECR: the scan findings fixed and introduced since the previous version (null elsewhere). */
    public FindingsChange findings;
    /** Set by push: what changed in the packages since the previous version (null before push, or when not read). */
    public PackageReport packages;
    /**
     * Registry API requests check-update sent itself, by registry host, and those the reactor's read-ahead made for it:
     * what a benchmark counts (ECR API calls are not among them).
     */
    public Map<String, Integer> checkRequests = new LinkedHashMap<>();
    public int checkRequestsAhead;
    /**
     * Set by check-update when a base change is held back by platform.minBaseAge: why, and from when it is taken
     * (ISO-8601). The decision is then UP_TO_DATE.
     */
    public String pending;
    public String pendingUntil;

    // The transitions of a release after check-update, in the order its goals make them.

    /** Set by docker-build: what the image was built from, for its provenance (build arg values of secret-like names withheld). */
    public BuildInputs buildInputs;
    /** Set by push: the digests signed and attested (the image, and each platform image of an index). */
    public List<String> signedDigests = new ArrayList<>();
    /** Set by push: the signing key's description and hint (SHA-256 of its public key), when signed. */
    public String signedWith;

    /** check-update: the registry requests its check made, by host, and how many were made ahead for it. */
    public void checkedWith(Map<String, Integer> requestsByHost, int requestsAhead) {
        checkRequests = new LinkedHashMap<>(requestsByHost);
        checkRequestsAhead = requestsAhead;
    }

    /** check-update: the image was up to date but packages it has are newer in its sources: {@code versionTag} is due. */
    public void packagesOutdated(String explanation, List<String> changes, String versionTag, String version) {
        this.reason = UpdateReason.PACKAGES_OUTDATED;
        // A package update is not held back by platform.minBaseAge: the rebuild takes the pending base change too.
        this.explanation = pending == null ? explanation : explanation + "; the build also takes the base change that "
                + "platform.minBaseAge held back (" + pending + ")";
        this.pending = null;
        this.pendingUntil = null;
        this.changes = new ArrayList<>(changes);
        this.versionTag = versionTag;
        this.version = version;
    }

    /** check-update: no gate tests this release, and platform.allowUntested lets it be published so. */
    public void planUntested() {
        untested = true;
    }

    /** docker-build starts: a new build (label {@code buildId}), so nothing of it is tested yet. */
    public void startBuild(String buildId) {
        this.buildId = buildId;
        platformImageIds = new LinkedHashMap<>();
        tested = false;
    }

    /** docker-build made {@code imageId} for {@code platform} (a multi-arch release). */
    public void builtFor(String platform, String imageId) {
        platformImageIds.put(platform, imageId);
    }

    /** docker-build records what the image is built from. */
    public void builtFrom(BuildInputs inputs) {
        this.buildInputs = inputs;
    }

    /** push signed and attested {@code digests} with the key {@code signedWith}. */
    public void signed(List<String> digests, String signedWith) {
        this.signedDigests = new ArrayList<>(digests);
        this.signedWith = signedWith;
    }

    /** docker-build made {@code imageId} (for a multi-arch release, its first platform's). */
    public void built(String imageId) {
        this.imageId = imageId;
    }

    /** integration-test starts: gates run anew, and nothing is tested until they all passed. */
    public void startGates() {
        tested = false;
        checks = new ArrayList<>();
    }

    /** The draft's tag, before anything is pushed under it. */
    public void draftTagged(String draftTag) {
        this.draftTag = draftTag;
        draftPlatformDigests = new LinkedHashMap<>();
    }

    /** The draft of {@code platform} is in the registry as {@code digest}. */
    public void draftPushedFor(String platform, String digest) {
        draftPlatformDigests.put(platform, digest);
    }

    /** The draft (image or index) is in the registry as {@code digest}: what the gates test and push promotes. */
    public void draftPushed(String digest) {
        draftDigest = digest;
    }

    /** A gate passed on the draft. */
    public void passed(PassedCheck check) {
        checks.add(check);
    }

    /** Every gate passed on the draft's digest: push may promote it. */
    public void gatesPassed() {
        tested = true;
    }

    /** push: the version tag holds the tested image, {@code digest}. */
    public void published(String digest) {
        publishedDigest = digest;
    }

    /** push starts moving the floating tags. */
    public void startMovingTags() {
        movedTags = new ArrayList<>();
    }

    /** push moved {@code floatingTag} to the version. */
    public void moved(String floatingTag) {
        movedTags.add(floatingTag);
    }

    /** push, on ECR: the scan findings of the published image compared with the previous version's. */
    public void findingsChanged(FindingsChange change) {
        findings = change;
    }

    /** push: the packages of the published image compared with the previous version's. */
    public void packagesChanged(PackageReport report) {
        packages = report;
    }

    /** One gate the image passed and how long it took. */
    public static final class PassedCheck {
        public String name;
        public long millis;

        public PassedCheck() {
        }

        public PassedCheck(String name, long millis) {
            this.name = name;
            this.millis = millis;
        }
    }

    /** registry/repository, the name images are tagged and pushed under. */
    public String imageName() {
        return registry + "/" + repository;
    }

    public boolean publishes() {
        return reason != null && reason.publishes();
    }

    /** Whether this release builds and tests a new image (not when it only completes an earlier promotion). */
    public boolean builds() {
        return reason != null && reason.builds();
    }

    /** The platforms this run builds and gates: this agent's one, else every platform (empty: the engine's own). */
    public List<String> buildPlatforms() {
        return agentPlatform != null ? List.of(agentPlatform) : platforms;
    }

    /** Whether this run is one agent's part of a multi-arch release (platform.platform): the assemble goal publishes. */
    public boolean byAgents() {
        return agentPlatform != null;
    }

    /** registry/draftRepository, the name the draft is pushed under. */
    public String draftName() {
        return registry + "/" + draftRepository;
    }

    /** What an image was built from: paths relative to the project, build args, the source revision. */
    public static final class BuildInputs {
        public String dockerfile;
        public String contextDirectory;
        public Map<String, String> buildArgs = new LinkedHashMap<>();
        public String sourceUri;
        public String sourceRevision;

        public BuildInputs() {
        }

        public BuildInputs(String dockerfile, String contextDirectory, Map<String, String> buildArgs, String sourceUri,
                           String sourceRevision) {
            this.dockerfile = dockerfile;
            this.contextDirectory = contextDirectory;
            this.buildArgs = new LinkedHashMap<>(buildArgs);
            this.sourceUri = sourceUri;
            this.sourceRevision = sourceRevision;
        }
    }
}
