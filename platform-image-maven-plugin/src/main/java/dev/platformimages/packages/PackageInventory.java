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
 */
public record PackageInventory(PackageManager manager, List<InstalledPackage> packages, String note) {

    static final String DPKG_STATUS = "var/lib/dpkg/status";
    static final String DPKG_STATUS_D = "var/lib/dpkg/status.d/";
    static final String APK_INSTALLED = "lib/apk/db/installed";
    private static final List<String> RPM_DATABASES = List.of("var/lib/rpm/Packages", "var/lib/rpm/rpmdb.sqlite",
            "usr/lib/sysimage/rpm/rpmdb.sqlite", "usr/lib/sysimage/rpm/Packages.db", "var/lib/rpm/Packages.db");

    /** The paths {@link #of(Map)} reads: the databases of dpkg and apk, and those of RPM to say they are not read. */
    public static final Predicate<String> FILES = path -> path.equals(DPKG_STATUS)
            || (path.startsWith(DPKG_STATUS_D) && !path.endsWith(".md5sums") && path.indexOf('/', DPKG_STATUS_D.length()) < 0)
            || path.equals(APK_INSTALLED) || RPM_DATABASES.contains(path);

    /** The largest database file read (an RPM database, only looked for, is larger). */
    public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    public PackageInventory {
        packages = packages.stream().sorted(Comparator.comparing(InstalledPackage::name)
                .thenComparing(InstalledPackage::architecture)).toList();
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
            return new PackageInventory(PackageManager.DPKG, dpkg, null);
        }
        byte[] apk = files.get(APK_INSTALLED);
        if (apk != null) {
            try {
                return new PackageInventory(PackageManager.APK,
                        PackageDatabases.apkInstalled(new String(apk, StandardCharsets.UTF_8)), null);
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
