package dev.platformimages.packages;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AptSourceTest {

    @Test
    void oneLineSourcesWithOptionsCommentsAndDebSrc() {
        List<AptSource> sources = AptSource.parseList("""
                # the archive
                deb http://deb.debian.org/debian bookworm main contrib
                deb-src http://deb.debian.org/debian bookworm main
                deb [arch=amd64,arm64 signed-by=/usr/share/keyrings/nodesource.gpg] https://deb.nodesource.com/node_20.x nodistro main # node
                #deb http://disabled.example.com/debian bookworm main
                deb https://user:s3cret@apt.example.com/repo ./
                """);
        assertEquals(3, sources.size());
        assertEquals(new AptSource("http://deb.debian.org/debian/", "bookworm", List.of("main", "contrib"), List.of(), null), sources.get(0));
        assertEquals(new AptSource("https://deb.nodesource.com/node_20.x/", "nodistro", List.of("main"), List.of("amd64", "arm64"),
                "/usr/share/keyrings/nodesource.gpg"), sources.get(1));
        assertEquals("https://deb.nodesource.com/node_20.x/dists/nodistro/InRelease", sources.get(1).inReleaseUrl());
        AptSource flat = sources.get(2);
        assertEquals("https://apt.example.com/repo/", flat.uri(), "credentials never leave the image");
        assertEquals("https://apt.example.com/repo/InRelease", flat.inReleaseUrl());
    }

    @Test
    void deb822SourcesAsDebianImagesShipThem() {
        List<AptSource> sources = AptSource.parseDeb822("""
                Types: deb
                # http://snapshot.debian.org/archive/debian/20241111T000000Z
                URIs: http://deb.debian.org/debian
                Suites: bookworm bookworm-updates
                Components: main
                Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

                Types: deb deb-src
                URIs: http://deb.debian.org/debian-security
                Suites: bookworm-security
                Components: main
                Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

                Types: deb
                URIs: http://off.example.com/debian
                Suites: bookworm
                Components: main
                Enabled: no

                Types: deb-src
                URIs: http://deb.debian.org/debian
                Suites: bookworm
                Components: main
                """);
        assertEquals(List.of("http://deb.debian.org/debian/dists/bookworm/InRelease",
                "http://deb.debian.org/debian/dists/bookworm-updates/InRelease",
                "http://deb.debian.org/debian-security/dists/bookworm-security/InRelease"),
                sources.stream().map(AptSource::inReleaseUrl).toList());
        assertTrue(sources.stream().allMatch(s -> "/usr/share/keyrings/debian-archive-keyring.gpg".equals(s.signedBy())));
    }

    @Test
    void anInlineKeyIsKeptAsArmoredText() {
        List<AptSource> sources = AptSource.parseDeb822("""
                Types: deb
                URIs: https://repo.example.com/apt
                Suites: stable
                Components: main
                Signed-By:
                 -----BEGIN PGP PUBLIC KEY BLOCK-----
                 .
                 mQINBGMAAAAB
                 -----END PGP PUBLIC KEY BLOCK-----
                """);
        assertEquals("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBGMAAAAB\n-----END PGP PUBLIC KEY BLOCK-----", sources.get(0).signedBy());
    }

    @Test
    void incompleteSourcesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AptSource.parseList("deb http://x.example.com/debian\n"));
        assertTrue(e.getMessage().contains("'deb http://x.example.com/debian' names no suite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AptSource.parseList("deb [arch=amd64 http://x/ a main\n"));
        assertTrue(e.getMessage().contains("no closing ]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AptSource.parseDeb822("Types: deb\nURIs: http://x/\n"));
        assertTrue(e.getMessage().contains("no Suites"), e.getMessage());
    }
}
