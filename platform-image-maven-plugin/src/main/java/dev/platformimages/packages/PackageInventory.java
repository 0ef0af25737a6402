package dev.platformimages.packages;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The packages installed in one image (one platform), read from its package database, or a note saying why none
 * were read (no database, or one of a manager not read, such as RPM). The inventory of a release is kept with it,
 * and later releases and the SBOMs are built from it.
 *
 * @param manager  the package manager whose database was read, null when none was
 * @param packages the installed packages, sorted by name and architecture
 * @param note     why no packages were read, null when they were
 * @param sources  where the image's package manager gets packages, with the keys it trusts; null when not read
 * @param checked  what the check of the sources found when the inventory was kept; null when they were not checked
 */
public record PackageInventory(PackageManager manager, List<InstalledPackage> packages, String note,
                               PackageSources sources, SourcesChecked checked) {

    /**
     * What a check of an image's sources found when its release was published: the signed index file of each source
     * (its URL and SHA-256), and the newer versions the sources had then that the image did not take (a package held
     * or pinned, a Dockerfile that installs without upgrading, a lagging mirror). A later check reads a source's
     * index only when that file changed, and asks for no update the release already did not take.
     */
    public record SourcesChecked(Map<String, String> indexes, Map<String, String> notTaken) {
        public SourcesChecked {
            indexes = new java.util.TreeMap<>(indexes);
            notTaken = new java.util.TreeMap<>(notTaken);
        }
    }

    public PackageInventory(PackageManager manager, List<InstalledPackage> packages, String note) {
        this(manager, packages, note, null, null);
    }

    /** The updates the release did not take, each {@code name installed -> offered}; empty when its sources were not checked. */
    public List<String> notTaken() {
        if (checked == null) {
            return List.of();
        }
        Map<String, String> installed = new java.util.LinkedHashMap<>();
        packages.forEach(p -> installed.put(p.name(), p.version()));
        List<String> lines = new ArrayList<>();
        checked.notTaken().forEach((name, version) -> lines.add(name + " " + installed.getOrDefault(name, "?") + " -> " + version));
        return lines;
    }

    /** This inventory with what a check of its sources found. */
    public PackageInventory withChecked(SourcesChecked found) {
        return new PackageInventory(manager, packages, note, sources, found);
    }

    static final String DPKG_STATUS = "var/lib/dpkg/status";
    static final String DPKG_STATUS_D = "var/lib/dpkg/status.d/";
    static final String APK_INSTALLED = "lib/apk/db/installed";
    private static final List<String> RPM_DATABASES = List.of("var/lib/rpm/Packages", "var/lib/rpm/rpmdb.sqlite",
            "usr/lib/sysimage/rpm/rpmdb.sqlite", "usr/lib/sysimage/rpm/Packages.db", "var/lib/rpm/Packages.db");

    /**
     * The paths {@link #of(Map)} reads: the databases of dpkg and apk (and those of RPM, to say they are not read),
     * and the package sources with their keys.
     */
    public static final Predicate<String> FILES = path -> path.equals(DPKG_STATUS)
            || (path.startsWith(DPKG_STATUS_D) && !path.endsWith(".md5sums") && path.indexOf('/', DPKG_STATUS_D.length()) < 0)
            || path.equals(APK_INSTALLED) || RPM_DATABASES.contains(path) || PackageSources.FILES.test(path);

    /** The largest database file read (an RPM database, only looked for, is larger). */
    public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    public PackageInventory {
        packages = packages.stream().sorted(Comparator.comparing(InstalledPackage::name)
                .thenComparing(InstalledPackage::architecture)).toList();
    }

    /** The image's package sources; none (and a note-free inventory) when they do not parse: they only feed the check. */
    private static PackageSources sources(Map<String, byte[]> files) {
        try {
            return PackageSources.of(files);
        } catch (IllegalArgumentException e) {
            return new PackageSources(List.of(), List.of(), Map.of()).withProblem(e.getMessage());
        }
    }

    /**
     * The inventory of an image whose {@link #FILES} are given.
     *
     * @throws IllegalArgumentException when a database does not parse (the message names the file)
     */
    public static PackageInventory of(Map<String, byte[]> files) {
        List<InstalledPackage> dpkg = new ArrayList<>();
        boolean dpkgSeen = false;
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String path = file.getKey();
            if (path.equals(DPKG_STATUS) || path.startsWith(DPKG_STATUS_D)) {
                dpkgSeen = true;
                try {
                    dpkg.addAll(PackageDatabases.dpkgStatus(new String(file.getValue(), StandardCharsets.UTF_8)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("/" + path + ": " + e.getMessage(), e);
                }
            }
        }
        if (dpkgSeen) {
            return new PackageInventory(PackageManager.DPKG, dpkg, null, sources(files), null);
        }
        byte[] apk = files.get(APK_INSTALLED);
        if (apk != null) {
            try {
                return new PackageInventory(PackageManager.APK,
                        PackageDatabases.apkInstalled(new String(apk, StandardCharsets.UTF_8)), null, sources(files), null);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("/" + APK_INSTALLED + ": " + e.getMessage(), e);
            }
        }
        for (String rpm : RPM_DATABASES) {
            if (files.containsKey(rpm)) {
                return new PackageInventory(null, List.of(), "the image has an RPM database (/" + rpm
                        + "): its packages are not read");
            }
        }
        return new PackageInventory(null, List.of(), "the image has no package database of dpkg or apk");
    }
}
