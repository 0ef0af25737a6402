package dev.platformimages.step;

import dev.platformimages.image.ImageReference;
import dev.platformimages.packages.PackageInventory;
import dev.platformimages.packages.PackageReport;
import dev.platformimages.registry.ManifestHead;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseState;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * After push: keeps the released image's package inventory with it in the registry, and writes into the release
 * what changed in its packages since the previous version (kept with that version too, when it had none yet). The
 * release notes are no gate: when the packages cannot be read, the release stands and its notes say why.
 */
public final class ReleasedPackages {

    private final RegistryClient registry;
    private final Inventories inventories;
    private final ReleaseLog log;

    public ReleasedPackages(RegistryClient registry, Inventories inventories, ReleaseLog log) {
        this.registry = registry;
        this.inventories = inventories;
        this.log = log;
    }

    /** Records the package changes of the published release {@code state} in it, and logs them. */
    public void record(ReleaseState state) {
        if (state.publishedDigest == null) {
            return;
        }
        ImageReference repository = ImageReference.of(state.registry, state.repository, null);
        PackageReport report;
        try {
            Map<String, PackageInventory> now = inventories.of(repository.withDigest(state.publishedDigest), true);
            Optional<String> previous = state.previousVersionTag == null ? Optional.empty()
                    : registry.head(repository.withTag(state.previousVersionTag)).map(ManifestHead::digest);
            if (previous.isEmpty()) {
                report = PackageReport.note("no earlier version to compare with");
            } else {
                report = PackageReport.between(inventories.of(repository.withDigest(previous.get()), true), now);
            }
        } catch (RegistryException | UncheckedIOException e) {
            report = PackageReport.note("packages not read: " + e.getMessage());
            log.warn("The package changes of " + state.versionTag + " are not known: " + e.getMessage()
                    + ". The release stands; its notes say the packages were not read");
        }
        state.packagesChanged(report);
        log.info("Since " + (state.previousVersionTag == null ? "nothing" : state.previousVersionTag) + ", "
                + report.summary() + (report.lines().size() > 3 ? " (every change: mvn -X, or the state and the webhook document)" : ""));
        report.lines().forEach(line -> log.detail("  " + line));
    }
}
