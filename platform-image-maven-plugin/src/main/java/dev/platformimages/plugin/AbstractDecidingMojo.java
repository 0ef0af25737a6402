package dev.platformimages.plugin;

import dev.platformimages.decision.BaseChange;
import dev.platformimages.registry.McrCatalog;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.step.RegistryReadAhead;
import dev.platformimages.step.ReleaseCheck;
import dev.platformimages.step.StalePackages;
import dev.platformimages.step.UpdateChecker;
import dev.platformimages.version.Bump;
import org.apache.maven.plugins.annotations.Parameter;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The goals that decide whether a new version of an image is due: check-update (for its own build) and plan (for a
 * whole reactor at once). Both decide with the same parameters, so a plan says what check-update will do.
 */
abstract class AbstractDecidingMojo extends AbstractGatedMojo {

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

    /**
     * The minimum age of a new upstream digest before it is taken, such as 24h, 90m, 2d or PT24H: a base that changed to
     * an image built more recently than that (its config's created time) is not taken yet; the check says UP_TO_DATE,
     * which base is pending and from when it is taken, and status and plan show it as pending. A broken upstream push is
     * often replaced within hours. A forced release, a definition change and a package update are not held back (they
     * take the bases as they are); a base whose build time cannot be told (none, or one before 2000 as reproducible
     * builds write) is not held back either, with a note. 0 (default): taken as soon as it appears.
     */
    @Parameter(property = DurationParameters.PROPERTY_MIN_BASE_AGE, defaultValue = "0")
    protected String minBaseAge;

    /** The address of the MCR catalog (tests, proxies). */
    @Parameter(property = "platform.mcrCatalogUrl", defaultValue = "https://mcr.microsoft.com")
    protected String mcrCatalogUrl;

    /** platform.bump, parsed; a bad value fails naming it. */
    protected Bump parsedBump() {
        try {
            return Bump.parseOptional(bump);
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
    }

    /** platform.minBaseAge, parsed; a bad value fails naming it and the forms it takes. */
    protected Duration parsedMinBaseAge() {
        return DurationParameters.minBaseAge(minBaseAge);
    }

    /**
     * Decides this module's image: bases, definition, published versions, then its packages when it is otherwise up
     * to date. Reads through the reactor's read-ahead where there is one, and logs the requests it cost.
     */
    protected ReleaseState decide() {
        return decide(hub().log());
    }

    /** {@link #decide()}, logging what it reads to {@code log}. */
    protected ReleaseState decide(ReleaseLog log) {
        Bump parsedBump = parsedBump();
        BaseChange change;
        try {
            change = BaseChange.parse(baseChange);
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
        RegistryClient client = hub().registryClient();
        RegistryReadAhead.ReadAheadClient readAhead = ReactorReadAhead.clientFor(session, project, checkThreads, client,
                hub()::registryApi, getLog());
        RegistryClient reads = readAhead == null ? client : readAhead;
        UpdateChecker checker = new UpdateChecker(reads, log);
        if (mcrCatalog) {
            checker.withMcrCatalog(new McrCatalog(URI.create(mcrCatalogUrl), hub().registryTimeout()));
        }
        checker.withMinBaseAge(parsedMinBaseAge(), Clock.systemUTC());
        boolean[] packagesChecked = {false};
        ReleaseCheck check = new ReleaseCheck(reads, checker, () -> {
            packagesChecked[0] = true;
            return new StalePackages(client, hub().inventories(client), hub().packageSourceCheck(packageOptions()), log);
        });
        ReleaseState state = check.decide(definition(), hub().target(),
                new ReleaseCheck.Options(force, parsedBump, change == BaseChange.TAG, mirrors(), packageOptions().checkUpdates()));
        if (packagesChecked[0]) {
            log.info("Package sources of this build so far: " + hub().packageSourceTraffic());
        }
        List<String> requests = client.requestCounts();
        state.checkedWith(client.requestTotals(), readAhead == null ? 0 : readAhead.requestsAhead());
        log.info("Registry requests of this check: " + (requests.isEmpty() ? "none" : String.join("; ", requests))
                + (readAhead == null ? "" : "; made ahead for it: " + readAhead.requestsAhead() + " ("
                + readAhead.answered() + " answers used; " + RegistryReadAhead.PROPERTY_THREADS + ")"));
        return state;
    }
}
