package dev.platformimages.plugin;

import dev.platformimages.decision.BaseChange;
import dev.platformimages.decision.UpdateDecider;
import dev.platformimages.decision.UpdateDecision;
import dev.platformimages.decision.UpdateReason;
import dev.platformimages.gate.GatePlan;
import dev.platformimages.registry.McrCatalog;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLock;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.signing.ImageSigner;
import dev.platformimages.step.BinfmtCheck;
import dev.platformimages.step.RegistryReadAhead;
import dev.platformimages.step.StalePackages;
import dev.platformimages.step.UpdateChecker;
import dev.platformimages.step.UpstreamVersions;
import dev.platformimages.version.Bump;
import dev.platformimages.version.VersionTag;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;
import java.util.Optional;

/**
 * Decides whether a new version of the image is due: FIRST_VERSION (nothing published yet), FORCED
 * ({@code platform.force}), DEFINITION_CHANGED (Dockerfile, build args or context files), BASE_CHANGED
 * (an upstream base's tag resolves to another digest) or UP_TO_DATE, in which case every later goal skips.
 * Resolves each upstream base with one HEAD request and reads the newest published version's labels through
 * the registry API; needs no Docker engine. The decision goes to {@code target/platform-image/state.json}.
 */
@Mojo(name = "check-update", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class CheckUpdateMojo extends AbstractGatedMojo {

    /** Publishes a new version even when nothing changed (a minor bump unless {@code platform.bump} says otherwise). */
    @Parameter(property = "platform.force", defaultValue = "false")
    protected boolean force;

    /**
     * Overrides the part of the version that is incremented: {@code major}, {@code minor} or {@code patch}.
     * Unset: a base change bumps the patch, a definition change or a forced release bumps the minor.
     */
    @Parameter(property = "platform.bump")
    protected String bump;

    /**
     * What counts as a change of a multi-arch base: platform (default), when the image of the platform built
     * changed; or tag, when anything the tag resolves to changed, including attestations and other platforms.
     */
    @Parameter(property = "platform.baseChange", defaultValue = "platform")
    protected String baseChange;

    /**
     * Resolves mcr.microsoft.com images through the MCR catalog (/api/v1/catalog/REPOSITORY/tags), as the seeds do,
     * instead of the Registry API: its digest when it gives one, else its lastModifiedDate, with a warning, since a
     * date misses same-day republishes. Off by default; the catalog API is undocumented.
     */
    @Parameter(property = "platform.mcrCatalog", defaultValue = "false")
    protected boolean mcrCatalog;

    /**
     * Threads that, in a build of several images (a reactor such as platform-images/), read the registries of every
     * image's check at once when the first check starts: the HEAD of each upstream base (once per distinct base) and
     * the tag list, newest version and last floating tag of each image. Each check then takes its answers from there,
     * so a fleet waits for its registries concurrently; every image of one run sees its bases as they were when the
     * run started. Bases that are images of the same reactor are read when their dependent's check runs, after they
     * were published. ECR registries and images configured other than by properties or plugin configuration are
     * read by their own check. 0: each check reads for itself.
     */
    @Parameter(property = RegistryReadAhead.PROPERTY_THREADS, defaultValue = "4")
    protected int checkThreads;

    /** The address of the MCR catalog (tests, proxies). */
    @Parameter(property = "platform.mcrCatalogUrl", defaultValue = "https://mcr.microsoft.com")
    protected String mcrCatalogUrl;

    @Override
    protected ReleaseStep step() {
        return ReleaseStep.CHECK;
    }

    @Override
    protected String goal() {
        return "check-update";
    }

    @Override
    protected void run() {
        GatePlan gates = gates(); // a bad gate configuration fails now, not after the build
        boolean scanGate = scanPolicy() != null;
        if (hub().ecr().isPresent()) {
            hub().repositorySettings(hub().target()); // bad repository settings fail before anything is created
        }
        Bump parsedBump;
        BaseChange change;
        try {
            parsedBump = Bump.parseOptional(bump);
            change = BaseChange.parse(baseChange);
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
        RegistryClient client = hub().registryClient();
        RegistryReadAhead.ReadAheadClient readAhead = ReactorReadAhead.clientFor(session, project, checkThreads, client,
                hub()::registryApi, getLog());
        UpdateChecker checker = new UpdateChecker(readAhead == null ? client : readAhead, hub().log());
        if (mcrCatalog) {
            checker.withMcrCatalog(new McrCatalog(java.net.URI.create(mcrCatalogUrl), hub().registryTimeout()));
        }
        ReleaseState state = checker
                .check(definition(), hub().target(), force, parsedBump, change == BaseChange.TAG, mirrors());
        if (state.reason == UpdateReason.UP_TO_DATE && state.previousVersionTag != null && packageOptions().checkUpdates()) {
            List<String> updates = new StalePackages(client, hub().inventories(client), hub().packageSourceCheck(packageOptions()),
                    hub().log()).updates(state);
            UpdateDecision upToDate = new UpdateDecision(UpdateReason.UP_TO_DATE, state.explanation,
                    VersionTag.parse(state.tag, state.previousVersionTag).orElseThrow(), null, List.of());
            UpdateDecision decision = new UpdateDecider().checkPackages(upToDate, parsedBump, updates);
            getLog().info("Package sources of this build so far: " + hub().packageSourceTraffic());
            if (decision.reason() == UpdateReason.PACKAGES_OUTDATED) {
                state.packagesOutdated(decision.explanation(), decision.changes(), decision.next().orElseThrow().tag(),
                        decision.next().orElseThrow().version().toString());
            }
        }
        if (state.reason == UpdateReason.BASE_CHANGED || state.reason == UpdateReason.FORCED
                || state.reason == UpdateReason.DEFINITION_CHANGED) {
            state.changes.addAll(new UpstreamVersions(readAhead == null ? client : readAhead).changes(state));
        }
        List<String> requests = client.requestCounts();
        state.checkedWith(client.requestTotals(), readAhead == null ? 0 : readAhead.requestsAhead());
        getLog().info("Registry requests of this check: " + (requests.isEmpty() ? "none" : String.join("; ", requests))
                + (readAhead == null ? "" : "; made ahead for it: " + readAhead.requestsAhead() + " ("
                + readAhead.answered() + " answers used; " + RegistryReadAhead.PROPERTY_THREADS + ")"));
        if (state.builds() && configuredGates().untestedRelease(gates, scanGate, registry + "/" + repository)) {
            state.planUntested(); // the failure comes before the build, the lock and the state file
            getLog().warn("platform.allowUntested=true: no gate tests " + state.imageName() + "; it will be published "
                    + "untested and labelled " + dev.platformimages.image.ImageLabels.UNTESTED + "=true");
        }
        if (state.builds() && !state.platforms.isEmpty()) {
            BinfmtCheck.local().requireRunnable(state.platforms); // before the lock and the build, not during
        }
        if (state.publishes()) {
            // The key is read now: a missing key, a wrong passphrase or a KMS key out of reach fails before the build.
            Optional<ImageSigner> signer = hub().signer(signingOptions());
            if (signer.isEmpty() && signingOptions().required()) {
                throw new ReleaseFailure("platform.signing.required is set but no platform.signing.key is given: nothing is "
                        + "published unsigned. Set platform.signing.key to a PEM key file or an awskms:// key");
            }
            signer.ifPresent(s -> getLog().info("Releases are signed with " + s.description() + " (key "
                    + ImageSigner.hint(s.publicKey()) + ")"));
        }
        if (state.publishes()) {
            ReleaseLock.acquire(ReleaseLock.defaultDirectory(), state.registry, state.repository);
        }
        hub().stateStore().write(state);
        if (state.publishes()) {
            getLog().info(state.reason + ": " + state.explanation);
        } else {
            getLog().info("UP_TO_DATE: " + state.explanation + ". Nothing to publish.");
        }
    }
}
