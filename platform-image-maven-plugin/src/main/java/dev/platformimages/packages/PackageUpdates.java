package dev.platformimages.packages;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The packages of an image that its own sources offer in a newer version, leaving out the updates its release
 * already did not take (so that a rebuild that cannot take an update does not cause another rebuild).
 */
public final class PackageUpdates {

    /** A newer version of an installed package, and the source that offers it. */
    public record Update(String name, String installed, String available, String from) {
        /** {@code openssl 3.0.15-1~deb12u1 -> 3.0.17-1~deb12u2}. */
        public String text() {
            return name + " " + installed + " -> " + available;
        }
    }

    /** A version a source offers: the version and the index it was read from. */
    public record Offer(String version, String from) {
    }

    private PackageUpdates() {
    }

    /**
     * The updates of {@code inventory} among {@code offers} (the newest version of each package the sources have,
     * by {@code name:architecture}), except those not newer than what {@code notTaken} records, sorted by name.
     */
    public static List<Update> outdated(PackageInventory inventory, Map<String, Offer> offers, Map<String, String> notTaken) {
        if (inventory.manager() == null) {
            return List.of();
        }
        Comparator<String> order = inventory.manager().versionOrder();
        List<Update> updates = new ArrayList<>();
        for (InstalledPackage p : inventory.packages()) {
            Offer offer = offers.get(p.name() + ":" + p.architecture());
            if (offer == null || order.compare(offer.version(), p.version()) <= 0) {
                continue;
            }
            String skipped = notTaken.get(p.name());
            if (skipped != null && order.compare(offer.version(), skipped) <= 0) {
                continue; // the release saw this version and did not take it
            }
            updates.add(new Update(p.name(), p.version(), offer.version(), offer.from()));
        }
        updates.sort(Comparator.comparing(Update::name));
        return updates;
    }

    /** The newest version each update offers, by package name: what a release records as not taken. */
    public static Map<String, String> versions(List<Update> updates) {
        Map<String, String> versions = new java.util.TreeMap<>();
        updates.forEach(u -> versions.put(u.name(), u.available()));
        return versions;
    }
}
