package dev.platformimages.packages;

import java.util.Comparator;

/** The package managers whose database an inventory reads, each with its own version order. */
public enum PackageManager {
    /** Debian and Ubuntu: /var/lib/dpkg/status, and /var/lib/dpkg/status.d/* on distroless images. */
    DPKG(DebianVersion.ORDER),
    /** Alpine: /lib/apk/db/installed. */
    APK(ApkVersion.ORDER);

    private final Comparator<String> versionOrder;

    PackageManager(Comparator<String> versionOrder) {
        this.versionOrder = versionOrder;
    }

    /** Compares two versions of a package of this manager. */
    public Comparator<String> versionOrder() {
        return versionOrder;
    }
}
