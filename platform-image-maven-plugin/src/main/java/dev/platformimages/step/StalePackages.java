package dev.platformimages.step;

import dev.platformimages.image.ImageReference;
import dev.platformimages.packages.PackageInventory;
import dev.platformimages.packages.PackageUpdates;
import dev.platformimages.registry.ManifestHead;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseState;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * check-update, for an image that is otherwise up to date: the packages of its newest version that its own sources
 * offer in a newer version (its inventory as kept with it, or read from its layers once and kept from then on).
 */
public final class StalePackages {

    private final RegistryClient registry;
    private final Inventories inventories;
    private final PackageSourceCheck check;
    private final ReleaseLog log;

    public StalePackages(RegistryClient registry, Inventories inventories, PackageSourceCheck check, ReleaseLog log) {
        this.registry = registry;
        this.inventories = inventories;
        this.check = check;
        this.log = log;
    }

    /**
     * The newest version's packages in a line for the status page: how many, and the updates its sources offered when
     * it was released that it does not take; null when they cannot be read.
     */
    public String describe(ReleaseState state) {
        ImageReference newest = ImageReference.of(state.registry, state.repository, state.previousVersionTag);
        try {
            String digest = state.previousDigest != null ? state.previousDigest
                    : registry.head(newest).map(ManifestHead::digest).orElse(null);
            if (digest == null) {
                return null;
            }
            List<String> parts = new ArrayList<>();
            List<String> notTaken = new ArrayList<>();
            inventories.of(newest.withDigest(digest), true).forEach((platform, inventory) -> {
                parts.add(inventory.note() != null ? platform + ": not read (" + inventory.note() + ")"
                        : inventory.packages().size() + " " + inventory.manager().name().toLowerCase(java.util.Locale.ROOT)
                        + " packages (" + platform + ")");
                notTaken.addAll(inventory.notTaken());
            });
            return String.join(", ", parts) + (notTaken.isEmpty() ? "" : "; does not take " + String.join(", ", notTaken.stream().distinct().toList()));
        } catch (RegistryException | UncheckedIOException e) {
            return "not read: " + e.getMessage();
        }
    }

    /**
     * The updates of the newest version {@code state} names, each as {@code name installed -> available (source)},
     * prefixed by the platform where the platforms differ; empty when there are none or nothing can be said.
     *
     * @throws ReleaseFailure when a source fails verification or cannot be reached: the check is not complete, so it
     *                        decides nothing, and the message names the source and the way out
     */
    public List<String> updates(ReleaseState state) {
        ImageReference newest = ImageReference.of(state.registry, state.repository, state.previousVersionTag);
        Map<String, PackageInventory> inventory;
        try {
            String digest = state.previousDigest != null ? state.previousDigest : registry.head(newest).map(ManifestHead::digest)
                    .orElseThrow(() -> new RegistryException(newest + " is not in the registry"));
            inventory = inventories.of(newest.withDigest(digest), true);
        } catch (RegistryException | UncheckedIOException e) {
            log.warn("The packages of " + newest + " are not read (" + e.getMessage() + "): they are not checked for updates");
            return List.of();
        }
        Map<String, List<PackageUpdates.Update>> byPlatform = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        inventory.forEach((platform, packages) -> {
            PackageSourceCheck.Result result = check.check(packages, true);
            result.notes().forEach(note -> log.info("Packages of " + newest + " (" + platform + ") not checked for updates: " + note));
            result.problems().forEach(problem -> problems.add(platform + ": " + problem));
            byPlatform.put(platform, result.updates());
        });
        if (!problems.isEmpty()) {
            throw new ReleaseFailure("the packages of " + newest + " cannot be checked for updates, so no decision is made on "
                    + "them: " + String.join("; ", problems) + ". An index that fails verification may have been tampered "
                    + "with, or the image's keyring is outdated; nothing is rebuilt because of it");
        }
        boolean same = byPlatform.values().stream().distinct().count() <= 1;
        List<String> updates = new ArrayList<>();
        byPlatform.forEach((platform, list) -> {
            if (same && !updates.isEmpty()) {
                return;
            }
            list.forEach(u -> updates.add((same || byPlatform.size() == 1 ? "" : "[" + platform + "] ") + u.text() + " (" + u.from() + ")"));
        });
        if (updates.isEmpty()) {
            log.info("Packages of " + newest + ": no update in its package sources that it has not seen");
        }
        return updates;
    }
}
