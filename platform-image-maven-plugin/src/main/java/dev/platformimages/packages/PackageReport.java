package dev.platformimages.packages;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What changed in the packages of a release since the previous version, by platform. Platforms whose changes are
 * the same share one entry, keyed by their names joined ({@code linux/amd64, linux/arm64}); {@code notes} say what
 * could not be compared (a platform new in this release, packages not read); {@code notTaken} the updates the image's
 * own sources offered when it was released that it does not have (a package held or pinned, a Dockerfile that installs
 * without upgrading, a lagging mirror), which no later check asks for again.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, creatorVisibility = JsonAutoDetect.Visibility.ANY)
public record PackageReport(Map<String, PackageChanges> changes, List<String> notes, List<String> notTaken) {

    /**
     * Debian's stable and security updates number their uploads {@code ~deb12u1} or {@code +deb12u1}: an upgrade to
     * such a version is most likely a fix, and is listed first.
     */
    private static final Pattern DEBIAN_UPDATE = Pattern.compile("[~+]deb\\d+u\\d+");

    public PackageReport {
        changes = new LinkedHashMap<>(changes);
        notes = List.copyOf(notes);
        notTaken = notTaken == null ? List.of() : List.copyOf(notTaken);
    }

    public PackageReport(Map<String, PackageChanges> changes, List<String> notes) {
        this(changes, notes, List.of());
    }

    /** This report with the updates the release did not take. */
    public PackageReport withNotTaken(List<String> updates) {
        return new PackageReport(changes, notes, updates);
    }

    /** A report that says only why there are no changes to tell (e.g. the first version of an image). */
    public static PackageReport note(String note) {
        return new PackageReport(Map.of(), List.of(note));
    }

    /** The changes from {@code before} to {@code after} (inventories by platform). */
    public static PackageReport between(Map<String, PackageInventory> before, Map<String, PackageInventory> after) {
        Map<PackageChanges, List<String>> platformsByChanges = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        after.forEach((platform, now) -> {
            PackageInventory was = before.get(platform);
            if (now.note() != null) {
                notes.add(platform + ": " + now.note());
            } else if (was == null) {
                notes.add(platform + ": new in this release (" + now.packages().size() + " packages)");
            } else if (was.note() != null) {
                notes.add(platform + ": the previous version's packages were not read (" + was.note() + ")");
            } else {
                platformsByChanges.computeIfAbsent(PackageChanges.between(was, now), c -> new ArrayList<>()).add(platform);
            }
        });
        before.keySet().stream().filter(p -> !after.containsKey(p))
                .forEach(p -> notes.add(p + ": no longer built in this release"));
        Map<String, PackageChanges> changes = new LinkedHashMap<>();
        platformsByChanges.forEach((c, platforms) -> changes.put(String.join(", ", platforms), c));
        return new PackageReport(changes, notes);
    }

    /** Whether the report has package changes to tell. */
    public boolean hasChanges() {
        return changes.values().stream().anyMatch(c -> !c.isEmpty());
    }

    /** One line: {@code packages: 3 upgraded (openssl 3.0.11-1~deb12u1 -> 3.0.11-1~deb12u2, ...), 1 added, 0 removed}. */
    public String summary() {
        if (changes.isEmpty()) {
            return "packages: " + (notes.isEmpty() ? "not compared" : String.join("; ", notes));
        }
        List<String> parts = new ArrayList<>();
        boolean several = changes.size() > 1;
        changes.forEach((platforms, c) -> {
            List<PackageChanges.Change> first = new ArrayList<>(important(c));
            c.upgraded().stream().filter(x -> !isUpdate(x)).forEach(first::add);
            String examples = first.isEmpty() ? "" : " (" + String.join(", ", first.stream().limit(3)
                    .map(PackageReport::text).toList()) + (first.size() > 3 ? ", ..." : "") + ")";
            parts.add((several ? platforms + ": " : "") + (c.isEmpty() ? "no package changed" : c.summary() + examples));
        });
        return "packages: " + String.join("; ", parts);
    }

    /**
     * Every change as a line, the most important first: upgrades to stable or security updates, then the other
     * upgrades, downgrades, removals and additions; prefixed with the platforms where they differ.
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        boolean several = changes.size() > 1;
        changes.forEach((platforms, c) -> {
            String prefix = several ? "[" + platforms + "] " : "";
            important(c).forEach(x -> lines.add(prefix + "upgraded " + text(x)));
            c.upgraded().stream().filter(x -> !isUpdate(x)).forEach(x -> lines.add(prefix + "upgraded " + text(x)));
            c.downgraded().forEach(x -> lines.add(prefix + "downgraded " + text(x)));
            c.removed().forEach(x -> lines.add(prefix + "removed " + x.name() + " " + x.before()));
            c.added().forEach(x -> lines.add(prefix + "added " + x.name() + " " + x.after()));
        });
        return lines;
    }

    /** The upgrades to stable or security updates, which a card shows first. */
    public static List<PackageChanges.Change> important(PackageChanges changes) {
        return changes.upgraded().stream().filter(PackageReport::isUpdate).toList();
    }

    private static boolean isUpdate(PackageChanges.Change change) {
        return change.after() != null && DEBIAN_UPDATE.matcher(change.after()).find();
    }

    /** {@code openssl 3.0.11-1~deb12u1 -> 3.0.11-1~deb12u2}. */
    public static String text(PackageChanges.Change change) {
        return change.name() + " " + change.before() + " -> " + change.after();
    }
}
