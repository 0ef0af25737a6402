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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * After push: keeps the released image's package inventory with it in the registry (with what its own package
 * sources offered then that it did not take, when they are checked), and writes into the release what changed in its
 * packages since the previous version (whose inventory is kept with it too, when it had none yet). The release notes
 * are no gate: when the packages cannot be read, the release stands and its notes say why.
 */
public final class ReleasedPackages {

    private final RegistryClient registry;
    private final Inventories inventories;
    private final PackageSourceCheck sources;
    private final ReleaseLog log;

    /** @param sources the check of the image's own package sources, or null when updates are not checked */
    public ReleasedPackages(RegistryClient registry, Inventories inventories, PackageSourceCheck sources, ReleaseLog log) {
        this.registry = registry;
        this.inventories = inventories;
        this.sources = sources;
        this.log = log;
    }

    /** Records the package changes of the published release {@code state} in it, and logs them. */
    public void record(ReleaseState state) {
        if (state.publishedDigest == null) {
            return;
        }
        ImageReference repository = ImageReference.of(state.registry, state.repository, null);
        ImageReference released = repository.withDigest(state.publishedDigest);
        PackageReport report;
        try {
            Map<String, PackageInventory> stored = inventories.stored(released);
            List<String> notTaken = new ArrayList<>();
            Map<String, PackageInventory> now;
            if (stored == null) {
                now = checked(inventories.read(released), notTaken);
                inventories.keep(released, now);
            } else {
                now = stored;
                stored.forEach((platform, inventory) -> notTaken.addAll(notTaken(platform, inventory, stored.size())));
            }
            Optional<String> previous = state.previousVersionTag == null ? Optional.empty()
                    : registry.head(repository.withTag(state.previousVersionTag)).map(ManifestHead::digest);
            if (previous.isEmpty()) {
                report = PackageReport.note("no earlier version to compare with");
            } else {
                report = PackageReport.between(inventories.of(repository.withDigest(previous.get()), true), now);
            }
            report = report.withNotTaken(notTaken);
        } catch (RegistryException | UncheckedIOException e) {
            report = PackageReport.note("packages not read: " + e.getMessage());
            log.warn("The package changes of " + state.versionTag + " are not known: " + e.getMessage()
                    + ". The release stands; its notes say the packages were not read");
        }
        state.packagesChanged(report);
        log.info("Since " + (state.previousVersionTag == null ? "nothing" : state.previousVersionTag) + ", "
                + report.summary() + (report.lines().size() > 3 ? " (every change: mvn -X, or the state and the webhook document)" : ""));
        report.lines().forEach(line -> log.detail("  " + line));
        if (!report.notTaken().isEmpty()) {
            log.info(state.versionTag + " does not take " + report.notTaken().size() + " update(s) its package sources offer: "
                    + String.join(", ", report.notTaken()) + " (no check asks for these versions again)");
        }
    }

    /** The inventory with what the image's sources offer now; unchanged (and a warning) when they cannot be checked. */
    private Map<String, PackageInventory> checked(Map<String, PackageInventory> inventory, List<String> notTaken) {
        if (sources == null) {
            return inventory;
        }
        Map<String, PackageInventory> result = new LinkedHashMap<>();
        inventory.forEach((platform, packages) -> {
            PackageSourceCheck.Result found = sources.check(packages, false);
            if (!found.problems().isEmpty()) {
                log.warn("The package sources of the release (" + platform + ") cannot be checked: "
                        + String.join("; ", found.problems()) + ". The next check reads them again");
                result.put(platform, packages);
                return;
            }
            PackageInventory withChecked = packages.withChecked(found.checked());
            notTaken.addAll(notTaken(platform, withChecked, inventory.size()));
            result.put(platform, withChecked);
        });
        return result;
    }

    private static List<String> notTaken(String platform, PackageInventory inventory, int platforms) {
        return inventory.notTaken().stream().map(line -> (platforms > 1 ? "[" + platform + "] " : "") + line).toList();
    }
}
