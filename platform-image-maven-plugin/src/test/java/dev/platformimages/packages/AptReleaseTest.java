package dev.platformimages.packages;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AptReleaseTest {

    private static final String RELEASE = """
            Origin: Debian
            Suite: stable-security
            Codename: bookworm-security
            Date: Sun, 29 Nov 2026 10:00:00 UTC
            Valid-Until: Sun, 06 Dec 2026 10:00:00 UTC
            Components: updates/main
            MD5Sum:
             00000000000000000000000000000000 100 main/binary-amd64/Packages
            SHA256:
             aa 2048 main/binary-amd64/Packages
             BB 512 main/binary-amd64/Packages.gz
             cc 400 main/binary-amd64/Packages.xz
             dd 300 main/binary-arm64/Packages.gz
            """;

    @Test
    void theCompressedIndexApkWouldFetchIsChosenWithItsHash() {
        AptRelease release = AptRelease.parse(RELEASE);
        assertEquals(new AptRelease.IndexFile("main/binary-amd64/Packages.xz", "cc", 400), release.packages("main", "amd64").orElseThrow());
        assertEquals(new AptRelease.IndexFile("main/binary-arm64/Packages.gz", "dd", 300), release.packages("main", "arm64").orElseThrow());
        assertTrue(release.packages("contrib", "amd64").isEmpty());
    }

    @Test
    void anExpiredReleaseIsRecognisedAsAptWouldRefuseIt() {
        AptRelease release = AptRelease.parse(RELEASE);
        assertFalse(release.expiredAt(Instant.parse("2026-12-02T00:00:00Z")));
        assertTrue(release.expiredAt(Instant.parse("2026-12-07T00:00:00Z")));
    }

    @Test
    void aFlatRepositoryListsItsPackagesAtItsRoot() {
        AptRelease release = AptRelease.parse("SHA256:\n ee 10 Packages\n ff 9 Packages.gz\n");
        assertEquals("Packages.gz", release.packages(null, "amd64").orElseThrow().path());
    }

    @Test
    void aReleaseWithoutSha256IsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AptRelease.parse("Origin: x\nMD5Sum:\n 00 1 Packages\n"));
    }
}
