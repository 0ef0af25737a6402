package dev.platformimages.packages;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackageMirrorsTest {

    @Test
    void theLongestPrefixWins() {
        PackageMirrors mirrors = PackageMirrors.parse("http://deb.debian.org/=https://proxy.example.com/all/, "
                + "http://deb.debian.org/debian-security=https://proxy.example.com/security");
        assertEquals("https://proxy.example.com/security/dists/bookworm-security/InRelease",
                mirrors.fetchFrom("http://deb.debian.org/debian-security/dists/bookworm-security/InRelease"));
        assertEquals("https://proxy.example.com/all/debian/dists/bookworm/InRelease",
                mirrors.fetchFrom("http://deb.debian.org/debian/dists/bookworm/InRelease"));
        assertEquals("https://other.example.com/x", mirrors.fetchFrom("https://other.example.com/x"));
        assertEquals("http://x/", PackageMirrors.parse(" ").fetchFrom("http://x/"));
    }

    @Test
    void aBadPairNamesTheParameterAndTheForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PackageMirrors.parse("deb.debian.org=proxy"));
        assertTrue(e.getMessage().startsWith("platform.packages.mirrors has 'deb.debian.org=proxy'"), e.getMessage());
        assertTrue(e.getMessage().contains("SOURCE_URL_PREFIX=MIRROR_URL_PREFIX"));
    }

    @Test
    void credentialsInAMirrorAreRefusedWithoutBeingShown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PackageMirrors.parse("http://deb.debian.org/debian=https://ci:t0ken@proxy.example.com:8443/debian"));
        assertFalse(e.getMessage().contains("t0ken"), e.getMessage());
        assertTrue(e.getMessage().contains("settings.xml <server> whose id is the mirror's host (proxy.example.com:8443)"), e.getMessage());
        assertFalse(assertThrows(IllegalArgumentException.class, () -> PackageMirrors.parse("ftp://a=https://u:t0ken@b/"))
                .getMessage().contains("t0ken"));
    }

    @Test
    void credentialsInAUrlAreNotShown() {
        assertEquals("https://apt.example.com/debian", SourceFetcher.display("https://user:t0ken@apt.example.com/debian"));
        assertFalse(SourceFetcher.display("https://t0ken@apt.example.com/x").contains("t0ken"));
        assertEquals("http://deb.debian.org/debian", SourceFetcher.display("http://deb.debian.org/debian"));
    }
}
