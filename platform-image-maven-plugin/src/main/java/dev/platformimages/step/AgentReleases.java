package dev.platformimages.step;

import dev.platformimages.agent.AgentRun;
import dev.platformimages.agent.AgentTags;
import dev.platformimages.agent.Assembly;
import dev.platformimages.agent.GateRecord;
import dev.platformimages.agent.ReleaseDecision;
import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.MediaTypes;
import dev.platformimages.registry.PlatformIndex;
import dev.platformimages.registry.PublishedImages;
import dev.platformimages.registry.ReferrerStore;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseTarget;
import dev.platformimages.release.RunOwner;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A multi-arch release made by several agents that share nothing but the registry. The first agent to check pins the
 * release's decision there; every agent builds and gates its own platform from that decision and records its gates
 * beside its draft; the assemble goal checks the drafts against the decision and makes the index push promotes.
 */
public final class AgentReleases {

    private final RegistryClient registry;
    private final ReferrerStore records;
    private final Drafts drafts;
    private final ReleaseLog log;

    public AgentReleases(RegistryClient registry, ReleaseLog log) {
        this.registry = registry;
        this.records = new ReferrerStore(registry);
        this.drafts = new Drafts(registry, log);
        this.log = log;
    }

    /**
     * check-update on an agent: the release's pinned decision when an agent pinned one, else {@code mine}, pinned now
     * when it publishes. Refuses when this agent would build something else (another definition, other platforms).
     */
    public ReleaseState pin(ReleaseState mine, AgentRun run) {
        Optional<Pinned> pinned = pinned(mine.registry, mine.draftRepository, run.releaseId());
        if (pinned.isEmpty() && mine.publishes()) {
            String tag = AgentTags.decision(mine.version, run.releaseId());
            records.putTagged(ImageReference.of(mine.registry, mine.draftRepository, tag), ReleaseDecision.ARTIFACT_TYPE,
                    "application/json", ReleaseDecision.toJson(mine), null);
            log.info("Release " + run.releaseId() + ": pinned this decision as " + mine.draftName() + ":" + tag
                    + "; every agent of the release builds it");
            // Read back: an agent that pinned at the same moment may have written last; all follow what is there.
            pinned = pinned(mine.registry, mine.draftRepository, run.releaseId());
        }
        if (pinned.isEmpty()) {
            return forAgent(mine, mine, run);
        }
        ReleaseState decision = pinned.get().decision();
        List<String> conflicts = ReleaseDecision.conflicts(decision, mine);
        if (!conflicts.isEmpty()) {
            throw new ReleaseFailure("this agent cannot build release " + run.releaseId() + " as pinned in "
                    + mine.draftName() + ":" + pinned.get().tag() + ": " + String.join("; ", conflicts));
        }
        if (!sameBuild(decision, mine)) {
            log.info("Release " + run.releaseId() + ": this check found " + mine.reason + " " + (mine.version == null
                    ? "" : mine.version + " ") + "from " + mine.baseDigests + "; the release's decision, pinned by the first "
                    + "agent, is built instead");
        }
        log.info("Release " + run.releaseId() + ": " + decision.reason + " " + decision.versionTag + " as pinned in "
                + mine.draftName() + ":" + pinned.get().tag() + "; this agent builds and gates " + run.platform());
        return forAgent(decision, mine, run);
    }

    private static boolean sameBuild(ReleaseState a, ReleaseState b) {
        return a.reason == b.reason && Objects.equals(a.version, b.version) && a.baseDigests.equals(b.baseDigests)
                && a.basePlatformDigests.equals(b.basePlatformDigests);
    }

    private static ReleaseState forAgent(ReleaseState decision, ReleaseState mine, AgentRun run) {
        decision.agentPlatform = run.platform();
        decision.releaseId = run.releaseId();
        decision.startedAt = mine.startedAt;
        decision.checkRequests = mine.checkRequests;
        decision.checkRequestsAhead = mine.checkRequestsAhead;
        return decision;
    }

    /** A decision record and its tag. */
    record Pinned(String tag, ReleaseState decision) {
    }

    /** The decision of release {@code releaseId} that is not published yet, if any. */
    private Optional<Pinned> pinned(String registryHost, String draftRepository, String releaseId) {
        List<Pinned> open = decisions(registryHost, draftRepository, releaseId, false);
        if (open.size() > 1) {
            throw new ReleaseFailure("release " + releaseId + " has " + open.size() + " decisions in " + registryHost + "/"
                    + draftRepository + " (" + String.join(", ", open.stream().map(Pinned::tag).toList()) + "): agents "
                    + "decided different versions at the same moment; delete those tags and run the release again");
        }
        return open.stream().findFirst();
    }

    /**
     * The decisions of release {@code releaseId}: those published already ({@code published}) or the others. A release
     * id names its release until that is published; the same id then starts the next one (an id such as a commit,
     * reused by a later run, decides afresh).
     */
    private List<Pinned> decisions(String registryHost, String draftRepository, String releaseId, boolean published) {
        List<Pinned> found = new ArrayList<>();
        for (String tag : registry.tags(registryHost, draftRepository)) {
            if (AgentTags.decisionVersion(tag, releaseId).isEmpty()) {
                continue;
            }
            ImageReference tagged = ImageReference.of(registryHost, draftRepository, tag);
            Optional<byte[]> content = recordContent(tagged);
            if (content.isEmpty()) {
                continue; // deleted since the listing
            }
            ReleaseState decision = ReleaseDecision.fromJson(content.get());
            boolean isPublished = registry.head(ImageReference.of(decision.registry, decision.repository,
                    decision.versionTag)).isPresent();
            if (isPublished == published) {
                found.add(new Pinned(tag, decision));
            }
        }
        return found;
    }

    /** The content of the record artifact under {@code tagged}, empty when there is none. */
    private Optional<byte[]> recordContent(ImageReference tagged) {
        try {
            return records.taggedContent(tagged);
        } catch (RegistryException e) {
            throw new ReleaseFailure(tagged + " is not a record of this plugin: " + e.getMessage(), e);
        }
    }

    /**
     * integration-test on an agent: records whether the gates of its platform's draft passed, and which; a later job
     * reads it from the registry. Best effort after a failure (the failure is what the agent's job reports).
     */
    public void recordGates(ReleaseState state, String failure) {
        String platform = state.agentPlatform;
        String digest = state.draftPlatformDigests.get(platform);
        List<GateRecord.Check> checks = new ArrayList<>();
        state.checks.forEach(c -> checks.add(new GateRecord.Check(c.name, c.millis)));
        GateRecord record = new GateRecord(platform, digest, state.buildId, state.version, state.definitionHash,
                new LinkedHashMap<>(state.baseDigests), failure == null && state.tested, shortened(failure), checks,
                agentName(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), state.buildInputs);
        ImageReference tagged = ImageReference.of(state.registry, state.draftRepository,
                AgentTags.gateRecord(state.version, state.releaseId, platform));
        try {
            Manifest subject = digest == null || failure != null ? null
                    : registry.manifest(tagged.withDigest(digest)).orElse(null);
            records.putTagged(tagged, GateRecord.ARTIFACT_TYPE, "application/json", record.toJson(), subject);
            log.info("Gate record of " + platform + " for release " + state.releaseId + ": " + tagged
                    + (record.passed() ? " (" + checks.size() + " gate(s) passed)" : " (failed)"));
        } catch (RegistryException e) {
            if (failure == null) {
                throw new ReleaseFailure("the gates of " + platform + " passed but their record could not be written to "
                        + tagged + ": " + e.getMessage() + "; run the job again", e);
            }
            log.warn("The failure of " + platform + " could not be recorded in " + tagged + ": " + e.getMessage());
        }
    }

    /** A failure as the record keeps it: its first line, at most 500 characters (the agent's job log has it all). */
    static String shortened(String failure) {
        if (failure == null) {
            return null;
        }
        String first = failure.lines().findFirst().orElse("").strip();
        return first.length() > 500 ? first.substring(0, 500) + "..." : first;
    }

    private static String agentName() {
        String runner = System.getenv("RUNNER_NAME") != null ? System.getenv("RUNNER_NAME") : System.getenv("AGENT_NAME");
        RunOwner owner = RunOwner.current();
        return (runner != null ? runner + " " : "") + "(host " + owner.host() + ", pid " + owner.pid() + ")";
    }

    /**
     * The assemble goal: the release {@code releaseId} made of the agents' tested drafts, its index put as the draft,
     * ready for push; empty when no agent pinned a release (nothing was due). Refuses, publishing nothing, when a
     * platform is missing, untested or not what the decision says.
     */
    public Optional<ReleaseState> assemble(ReleaseTarget target, List<String> platforms, String releaseId) {
        Optional<Pinned> pinned = pinned(target.registry(), target.draftRepository(), releaseId);
        if (pinned.isEmpty()) {
            List<Pinned> published = decisions(target.registry(), target.draftRepository(), releaseId, true);
            if (!published.isEmpty()) {
                ReleaseState done = published.get(0).decision();
                throw new ReleaseFailure("release " + releaseId + " is assembled already: " + done.imageName() + ":"
                        + done.versionTag + " is published; a second assemble publishes nothing");
            }
            log.info("Release " + releaseId + ": no agent pinned a decision in " + target.registry() + "/"
                    + target.draftRepository() + " (no agent found the image due): nothing to assemble");
            return Optional.empty();
        }
        ReleaseState state = pinned.get().decision();
        if (!state.registry.equals(target.registry()) || !state.repository.equals(target.repository())
                || !state.tag.equals(target.tag())) {
            throw new ReleaseFailure("release " + releaseId + " was decided for " + state.imageName() + " tag " + state.tag
                    + ", not " + target.registry() + "/" + target.repository() + " tag " + target.tag());
        }
        ImageReference versionTag = ImageReference.of(state.registry, state.repository, state.versionTag);
        registry.head(versionTag).ifPresent(taken -> {
            throw new ReleaseFailure("release " + releaseId + " is assembled already: " + versionTag + " is published ("
                    + taken.digest() + "); a second assemble publishes nothing");
        });
        Map<String, Assembly.Found> found = new LinkedHashMap<>();
        Map<String, Manifest> manifests = new LinkedHashMap<>();
        for (String platform : platforms) {
            ImageReference recordTag = ImageReference.of(state.registry, state.draftRepository,
                    AgentTags.gateRecord(state.version, releaseId, platform));
            Optional<byte[]> content = recordContent(recordTag);
            if (content.isEmpty()) {
                continue;
            }
            GateRecord record = GateRecord.fromJson(content.get());
            Assembly.Draft draft = null;
            if (record.draftDigest() != null) {
                ImageReference image = recordTag.withDigest(record.draftDigest());
                Optional<Manifest> manifest = registry.manifest(image);
                if (manifest.isPresent() && !MediaTypes.isIndex(manifest.get().mediaType())) {
                    PublishedImages.Published described = new PublishedImages(registry).describe(image);
                    draft = new Assembly.Draft(described.platforms().get(0), described.labels());
                    manifests.put(platform, manifest.get());
                }
            }
            found.put(platform, new Assembly.Found(record, draft));
        }
        List<String> refusals = Assembly.refusals(state, platforms, found,
                platform -> AgentTags.gateRecord(state.version, releaseId, platform));
        if (!refusals.isEmpty()) {
            throw new ReleaseFailure("release " + releaseId + " (" + state.versionTag + ") is not assembled, nothing is "
                    + "published: " + String.join("; ", refusals));
        }
        List<PlatformIndex.Entry> entries = new ArrayList<>();
        state.releaseId = releaseId;
        state.draftTag = AgentTags.index(state.version, releaseId);
        state.draftPlatformDigests = new LinkedHashMap<>();
        state.platformImageIds = new LinkedHashMap<>();
        state.checks = new ArrayList<>();
        for (String platform : platforms) {
            Assembly.Found f = found.get(platform);
            entries.add(new PlatformIndex.Entry(platform, manifests.get(platform)));
            state.draftPushedFor(platform, f.record().draftDigest());
            // Named as the agent ran them, each "... on {platform}", as one machine's release names them.
            f.record().checks().forEach(c -> state.passed(new ReleaseState.PassedCheck(c.name(), c.millis())));
            log.info(platform + ": " + f.record().draftDigest() + ", " + f.record().checks().size() + " gate(s) passed on "
                    + f.record().agent() + " at " + f.record().testedAt());
        }
        state.buildInputs = found.get(platforms.get(0)).record().buildInputs();
        String index = drafts.putIndex(state, entries);
        state.gatesPassed();
        log.info("Release " + releaseId + ": the index " + state.draftName() + ":" + state.draftTag + " is " + index + " of "
                + platforms + ", each platform's draft as its agent tested it");
        return Optional.of(state);
    }
}
