package dev.platformimages.packages;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackageChangesTest {

    private static InstalledPackage deb(String name, String version) {
        return new InstalledPackage(name, version, name, null, "amd64");
    }

    @Test
    void upgradesAndDowngradesFollowTheDebianOrderNotStringOrder() {
        PackageInventory before = new PackageInventory(PackageManager.DPKG, List.of(deb("libssl3", "3.0.15-1~deb12u1"),
                deb("zlib1g", "1:1.2.13.dfsg-1"), deb("tzdata", "2024a-0+deb12u1"), deb("gone", "1.0")), null);
        PackageInventory after = new PackageInventory(PackageManager.DPKG, List.of(deb("libssl3", "3.0.15-1"),
                deb("zlib1g", "1.3-1"), deb("tzdata", "2024a-0+deb12u1"), deb("ca-certificates", "20230311")), null);
        PackageChanges changes = PackageChanges.between(before, after);
        assertEquals(List.of(new PackageChanges.Change("libssl3", "3.0.15-1~deb12u1", "3.0.15-1", "libssl3")), changes.upgraded());
        assertEquals(List.of(new PackageChanges.Change("zlib1g", "1:1.2.13.dfsg-1", "1.3-1", "zlib1g")), changes.downgraded(),
                "the epoch makes 1:1.2.13 newer than 1.3");
        assertEquals("ca-certificates", changes.added().get(0).name());
        assertNull(changes.added().get(0).before());
        assertEquals("gone", changes.removed().get(0).name());
        assertEquals("1 upgraded, 1 added, 1 removed, 1 downgraded", changes.summary());
    }

    @Test
    void aPackageOfTwoArchitecturesIsComparedPerArchitecture() {
        PackageInventory before = new PackageInventory(PackageManager.DPKG, List.of(
                new InstalledPackage("libc6", "2.36-9+deb12u9", "glibc", null, "amd64"),
                new InstalledPackage("libc6", "2.36-9+deb12u9", "glibc", null, "i386")), null);
        PackageInventory after = new PackageInventory(PackageManager.DPKG, List.of(
                new InstalledPackage("libc6", "2.36-9+deb12u10", "glibc", null, "amd64"),
                new InstalledPackage("libc6", "2.36-9+deb12u9", "glibc", null, "i386")), null);
        PackageChanges changes = PackageChanges.between(before, after);
        assertEquals(List.of(new PackageChanges.Change("libc6:amd64", "2.36-9+deb12u9", "2.36-9+deb12u10", "glibc")),
                changes.upgraded());
        assertTrue(changes.added().isEmpty() && changes.removed().isEmpty());
    }

    @Test
    void theInventoryReadsDpkgThenApkAndNamesWhatItDoesNotRead() {
        Map<String, byte[]> dpkg = Map.of("var/lib/dpkg/status",
                "Package: a\nStatus: install ok installed\nVersion: 1\nArchitecture: all\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(PackageManager.DPKG, PackageInventory.of(dpkg).manager());
        Map<String, byte[]> apk = Map.of("lib/apk/db/installed", "P:musl\nV:1.2.5-r0\nA:x86_64\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(new InstalledPackage("musl", "1.2.5-r0", "musl", null, "x86_64")), PackageInventory.of(apk).packages());
        PackageInventory rpm = PackageInventory.of(Map.of("var/lib/rpm/rpmdb.sqlite", new byte[0]));
        assertEquals("the image has an RPM database (/var/lib/rpm/rpmdb.sqlite): its packages are not read", rpm.note());
        assertEquals("the image has no package database of dpkg or apk", PackageInventory.of(Map.of()).note());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> PackageInventory.of(
                Map.of("var/lib/dpkg/status", "Package: x\n".getBytes(StandardCharsets.UTF_8))));
        assertEquals("/var/lib/dpkg/status: a dpkg status paragraph has no Version (package x)", bad.getMessage());
        assertTrue(PackageInventory.FILES.test("var/lib/dpkg/status.d/base-files"));
        assertTrue(!PackageInventory.FILES.test("var/lib/dpkg/status.d/base-files.md5sums"));
    }
}
