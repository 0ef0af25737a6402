package dev.platformimages.step;

import dev.platformimages.image.ImageLabels;
import dev.platformimages.packages.PackageReport;
import dev.platformimages.registry.PublishedImages;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseTarget;
import dev.platformimages.version.VersionTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Two published versions of an image compared, for the app team who asks what changed between the version it runs
 * and a newer one: the definition and the source revision, each upstream base's digest, and every package (from the
 * inventories kept with the versions, or their layers for versions released before inventories were kept). Reads the
 * registry only; no engine.
 */
public final class VersionComparison {

    /**
     * @param image    the image's registry/repository
     * @param from     the older version tag, and its digest
     * @param to       the newer version tag, and its digest
     * @param changes  the definition and base changes, one line each
     * @param packages the package changes
     */
    public record Comparison(String image, String from, String fromDigest, String to, String toDigest, List<String> changes,
                             PackageReport packages) {

        /** The comparison as Markdown, for a job summary, a ticket or a release page. */
        public String markdown() {
            StringBuilder md = new StringBuilder("## " + image + ": " + from + " -> " + to + "\n\n");
            md.append("`").append(fromDigest).append("` -> `").append(toDigest).append("`\n\n");
            changes.forEach(c -> md.append("- ").append(c).append('\n'));
            if (changes.isEmpty()) {
                md.append("- same definition and upstream bases\n");
            }
            md.append("\n### Packages\n\n").append(packages.summary()).append("\n\n");
            packages.lines().forEach(line -> md.append("- ").append(line).append('\n'));
            packages.notes().forEach(note -> md.append("- note: ").append(note).append('\n'));
            return md.toString();
        }
    }

    private final RegistryClient registry;
    private final Inventories inventories;

    public VersionComparison(RegistryClient registry, Inventories inventories) {
        this.registry = registry;
        this.inventories = inventories;
    }

    /**
     * Compares {@code from} with {@code to} (each a version such as 1.2.0, or a version tag); {@code to} null: the
     * newest version.
     *
     * @throws ReleaseFailure when a version is not published (the message lists the published ones)
     */
    public Comparison compare(ReleaseTarget target, String from, String to) {
        List<String> tags = registry.tags(target.registry(), target.repository());
        String fromTag = versionTag(target, from, tags, "platform.from");
        String toTag = to == null || to.isBlank() ? VersionTag.newest(target.tag(), tags).map(VersionTag::tag)
                .orElseThrow(() -> new ReleaseFailure(target.registry() + "/" + target.repository() + " has no version of "
                        + target.tag() + " published")) : versionTag(target, to, tags, "platform.to");
        PublishedImages images = new PublishedImages(registry);
        PublishedImages.Published older = images.describe(target.reference(fromTag));
        PublishedImages.Published newer = images.describe(target.reference(toTag));
        PackageReport packages = PackageReport.between(
                inventories.of(target.reference(fromTag).withDigest(older.digest()), false),
                inventories.of(target.reference(toTag).withDigest(newer.digest()), false));
        return new Comparison(target.registry() + "/" + target.repository(), fromTag, older.digest(), toTag, newer.digest(),
                labelChanges(older.labels(), newer.labels()), packages);
    }

    private static String versionTag(ReleaseTarget target, String version, List<String> tags, String property) {
        String tag = tags.contains(version) ? version : target.tag() + "-" + version;
        if (!tags.contains(tag)) {
            List<String> published = tags.stream().filter(t -> VersionTag.parse(target.tag(), t).isPresent()).sorted().toList();
            throw new ReleaseFailure(property + "=" + version + ": " + target.registry() + "/" + target.repository()
                    + " has no version " + tag + ". Published: " + (published.isEmpty() ? "none" : String.join(", ", published)));
        }
        return tag;
    }

    /** What the labels of two versions say changed: definition, source revision, each upstream base's digest. */
    static List<String> labelChanges(Map<String, String> before, Map<String, String> after) {
        List<String> changes = new ArrayList<>();
        change(changes, "definition", before.get(ImageLabels.DEFINITION_HASH), after.get(ImageLabels.DEFINITION_HASH));
        change(changes, "source revision", before.get(ImageLabels.REVISION), after.get(ImageLabels.REVISION));
        Map<String, String> oldBases = ImageLabels.decodeBases(before.getOrDefault(ImageLabels.BASES, ""));
        Map<String, String> newBases = ImageLabels.decodeBases(after.getOrDefault(ImageLabels.BASES, ""));
        for (String base : new TreeSet<>(union(oldBases.keySet(), newBases.keySet()))) {
            String was = oldBases.get(base);
            String is = newBases.get(base);
            if (was == null) {
                changes.add("base " + base + " added (" + is + ")");
            } else if (is == null) {
                changes.add("base " + base + " removed (was " + was + ")");
            } else if (!was.equals(is)) {
                changes.add("base " + base + " changed from " + was + " to " + is);
            }
        }
        return changes;
    }

    private static void change(List<String> changes, String what, String was, String is) {
        if (was != null && is != null && !Objects.equals(was, is)) {
            changes.add(what + " changed from " + was + " to " + is);
        }
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
