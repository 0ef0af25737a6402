package dev.platformimages.packages;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackageReportTest {

    private static InstalledPackage p(String name, String version) {
        return new InstalledPackage(name, version, name, null, "amd64");
    }

    private static PackageInventory dpkg(InstalledPackage... packages) {
        return new PackageInventory(PackageManager.DPKG, List.of(packages), null);
    }

    @Test
    void platformsWithTheSameChangesShareOneEntryAndOthersGetTheirOwn() {
        PackageInventory before = dpkg(p("openssl", "3.0.11-1~deb12u1"), p("zlib1g", "1:1.2.13.dfsg-1"));
        PackageInventory after = dpkg(p("openssl", "3.0.11-1~deb12u2"), p("zlib1g", "1:1.2.13.dfsg-1"));
        PackageInventory armAfter = dpkg(p("openssl", "3.0.11-1~deb12u2"));
        PackageReport report = PackageReport.between(
                Map.of("linux/amd64", before, "linux/arm64", before, "linux/386", before),
                new java.util.LinkedHashMap<>(Map.of("linux/amd64", after)) {{
                    put("linux/arm64", armAfter);
                    put("linux/386", after);
                }});
        assertEquals(List.of("linux/amd64, linux/386", "linux/arm64"), List.copyOf(report.changes().keySet()));
        assertEquals(List.of("[linux/amd64, linux/386] upgraded openssl 3.0.11-1~deb12u1 -> 3.0.11-1~deb12u2",
                "[linux/arm64] upgraded openssl 3.0.11-1~deb12u1 -> 3.0.11-1~deb12u2",
                "[linux/arm64] removed zlib1g 1:1.2.13.dfsg-1"), report.lines());
        assertTrue(report.hasChanges());
    }

    @Test
    void stableAndSecurityUpdatesComeFirstThenTheOtherChanges() {
        PackageReport report = PackageReport.between(
                Map.of("linux/amd64", dpkg(p("aaa", "1.0-1"), p("libc6", "2.36-9+deb12u3"), p("old", "1"))),
                Map.of("linux/amd64", dpkg(p("aaa", "1.1-1"), p("libc6", "2.36-9+deb12u4"), p("new", "2"))));
        assertEquals(List.of("upgraded libc6 2.36-9+deb12u3 -> 2.36-9+deb12u4", "upgraded aaa 1.0-1 -> 1.1-1",
                "removed old 1", "added new 2"), report.lines());
        assertEquals("packages: 2 upgraded, 1 added, 1 removed (libc6 2.36-9+deb12u3 -> 2.36-9+deb12u4, aaa 1.0-1 -> 1.1-1)",
                report.summary());
    }

    @Test
    void whatCannotBeComparedIsANoteNotAChange() {
        PackageInventory rpm = new PackageInventory(null, List.of(), "the image has an RPM database (/var/lib/rpm/rpmdb.sqlite): its packages are not read");
        PackageReport report = PackageReport.between(Map.of("linux/amd64", dpkg(p("a", "1")), "linux/s390x", dpkg()),
                new java.util.LinkedHashMap<>(Map.of("linux/amd64", rpm, "linux/arm64", dpkg(p("a", "1")))));
        assertFalse(report.hasChanges());
        assertTrue(report.notes().contains("linux/arm64: new in this release (1 packages)"), report.notes().toString());
        assertTrue(report.notes().contains("linux/s390x: no longer built in this release"), report.notes().toString());
        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("linux/amd64: the image has an RPM database")));
        assertEquals("packages: no earlier version to compare with", PackageReport.note("no earlier version to compare with").summary());
    }

    @Test
    void nothingChangedSaysSo() {
        PackageReport report = PackageReport.between(Map.of("linux/amd64", dpkg(p("a", "1"))), Map.of("linux/amd64", dpkg(p("a", "1"))));
        assertFalse(report.hasChanges());
        assertEquals("packages: no package changed", report.summary());
    }
}
