package dev.platformimages.packages;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two inventories of an image: packages added, removed, upgraded and downgraded (by the
 * package manager's own version order), each with both versions, sorted by name.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, creatorVisibility = JsonAutoDetect.Visibility.ANY)
public record PackageChanges(List<Change> added, List<Change> removed, List<Change> upgraded, List<Change> downgraded) {

    /**
     * One package's change.
     *
     * @param name   the package (with {@code :architecture} where the image has it for several)
     * @param before its version before, null when added
     * @param after  its version after, null when removed
     * @param source its source package (after, else before)
     */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, creatorVisibility = JsonAutoDetect.Visibility.ANY)
    public record Change(String name, String before, String after, String source) {
    }

    /** Whether nothing changed. */
    @JsonIgnore
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && upgraded.isEmpty() && downgraded.isEmpty();
    }

    /** {@code 3 upgraded, 1 added, 0 removed} (downgrades only when there are some). */
    public String summary() {
        return upgraded.size() + " upgraded, " + added.size() + " added, " + removed.size() + " removed"
                + (downgraded.isEmpty() ? "" : ", " + downgraded.size() + " downgraded");
    }

    /**
     * The changes from {@code before} to {@code after}. Versions compare by the newer inventory's manager (the older
     * one's when the newer read none); inventories of different managers compare as every package removed and added.
     */
    public static PackageChanges between(PackageInventory before, PackageInventory after) {
        PackageManager manager = after.manager() != null ? after.manager() : before.manager();
        Comparator<String> order = manager == null ? Comparator.naturalOrder() : manager.versionOrder();
        Map<String, InstalledPackage> old = byKey(before.packages());
        Map<String, InstalledPackage> now = byKey(after.packages());
        List<Change> added = new ArrayList<>();
        List<Change> removed = new ArrayList<>();
        List<Change> upgraded = new ArrayList<>();
        List<Change> downgraded = new ArrayList<>();
        for (Map.Entry<String, InstalledPackage> e : now.entrySet()) {
            InstalledPackage was = old.get(e.getKey());
            InstalledPackage is = e.getValue();
            if (was == null) {
                added.add(new Change(e.getKey(), null, is.version(), is.source()));
            } else {
                int c = order.compare(was.version(), is.version());
                if (c < 0) {
                    upgraded.add(new Change(e.getKey(), was.version(), is.version(), is.source()));
                } else if (c > 0) {
                    downgraded.add(new Change(e.getKey(), was.version(), is.version(), is.source()));
                }
            }
        }
        for (Map.Entry<String, InstalledPackage> e : old.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                removed.add(new Change(e.getKey(), e.getValue().version(), null, e.getValue().source()));
            }
        }
        Comparator<Change> byName = Comparator.comparing(Change::name);
        added.sort(byName);
        removed.sort(byName);
        upgraded.sort(byName);
        downgraded.sort(byName);
        return new PackageChanges(List.copyOf(added), List.copyOf(removed), List.copyOf(upgraded), List.copyOf(downgraded));
    }

    /** By name, or name:architecture for a package installed for several architectures (dpkg multiarch). */
    private static Map<String, InstalledPackage> byKey(List<InstalledPackage> packages) {
        Map<String, Integer> count = new LinkedHashMap<>();
        packages.forEach(p -> count.merge(p.name(), 1, Integer::sum));
        Map<String, InstalledPackage> result = new LinkedHashMap<>();
        for (InstalledPackage p : packages) {
            result.put(count.get(p.name()) > 1 ? p.name() + ":" + p.architecture() : p.name(), p);
        }
        return result;
    }
}
