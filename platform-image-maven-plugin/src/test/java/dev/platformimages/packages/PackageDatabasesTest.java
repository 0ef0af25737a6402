package dev.platformimages.packages;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PackageDatabasesTest {

    private static final String STATUS = """
            Package: libssl3
            Status: install ok installed
            Priority: optional
            Architecture: amd64
            Multi-Arch: same
            Source: openssl
            Version: 3.0.15-1~deb12u1
            Description: Secure Sockets Layer toolkit - shared libraries
             This package is part of the OpenSSL project's implementation.
             .
             It provides the libssl and libcrypto shared libraries.

            Package: libgcc-s1
            Status: install ok installed
            Architecture: amd64
            Source: gcc-12 (12.2.0-14)
            Version: 12.2.0-14+deb12u1

            Package: old-tool
            Status: deinstall ok config-files
            Architecture: amd64
            Version: 1.0-1

            Package: tzdata
            Status: install ok installed
            Architecture: all
            Version: 2024a-0+deb12u1
            """;

    @Test
    void dpkgStatusGivesTheInstalledPackagesWithTheirSource() {
        List<InstalledPackage> packages = PackageDatabases.dpkgStatus(STATUS);
        assertEquals(List.of(
                new InstalledPackage("libssl3", "3.0.15-1~deb12u1", "openssl", null, "amd64"),
                new InstalledPackage("libgcc-s1", "12.2.0-14+deb12u1", "gcc-12", "12.2.0-14", "amd64"),
                new InstalledPackage("tzdata", "2024a-0+deb12u1", "tzdata", null, "all")), packages);
    }

    @Test
    void aDistrolessStatusFileHasNoStatusFieldAndCounts() {
        List<InstalledPackage> packages = PackageDatabases.dpkgStatus("Package: base-files\nVersion: 12.4+deb12u5\n"
                + "Architecture: amd64\nMaintainer: Santiago Vila <sanvila@debian.org>\n");
        assertEquals(List.of(new InstalledPackage("base-files", "12.4+deb12u5", "base-files", null, "amd64")), packages);
    }

    @Test
    void aParagraphWithoutVersionIsAnErrorNamingThePackage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PackageDatabases.dpkgStatus("Package: broken\nStatus: install ok installed\n"));
        assertEquals("a dpkg status paragraph has no Version (package broken)", e.getMessage());
    }

    @Test
    void apkInstalledGivesNameVersionOriginAndArchitecture() {
        String installed = """
                C:Q1nAuHjSUKWmyfkH7v6xtVM6zBnwM=
                P:musl
                V:1.2.5-r0
                A:x86_64
                S:407837
                o:musl
                F:lib

                P:libcrypto3
                V:3.3.2-r0
                A:x86_64
                o:openssl
                """;
        assertEquals(List.of(new InstalledPackage("musl", "1.2.5-r0", "musl", null, "x86_64"),
                new InstalledPackage("libcrypto3", "3.3.2-r0", "openssl", null, "x86_64")),
                PackageDatabases.apkInstalled(installed));
        assertThrows(IllegalArgumentException.class, () -> PackageDatabases.apkInstalled("P:nameless-version\nA:x86_64\n"));
    }

    /** This machine's own dpkg database, checked against dpkg-query's count of installed packages. */
    @Test
    void readsThisMachinesDatabaseAsDpkgQueryCountsIt() throws IOException, InterruptedException {
        Path status = Path.of("/var/lib/dpkg/status");
        assumeTrue(Files.isReadable(status), "not a Debian machine");
        Process query = new ProcessBuilder("dpkg-query", "-W", "-f=${db:Status-Abbrev}\\n").redirectErrorStream(true).start();
        long installed = new String(query.getInputStream().readAllBytes()).lines().filter(l -> l.startsWith("ii")).count();
        assumeTrue(query.waitFor() == 0, "dpkg-query did not run");
        List<InstalledPackage> packages = PackageDatabases.dpkgStatus(Files.readString(status));
        assertEquals(installed, packages.size());
        assertTrue(packages.stream().anyMatch(p -> p.name().equals("dpkg")));
    }
}
