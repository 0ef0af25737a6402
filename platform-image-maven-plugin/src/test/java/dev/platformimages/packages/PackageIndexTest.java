package dev.platformimages.packages;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PackageIndexTest {

    @Test
    void theNewestVersionOfEachPackageByDebiansOrder() throws Exception {
        String packages = """
                Package: openssl
                Version: 3.0.15-1~deb12u1
                Architecture: amd64
                Description: a
                 continued

                Package: openssl
                Version: 3.0.17-1~deb12u2
                Architecture: amd64

                Package: openssl
                Version: 3.0.9-1
                Architecture: amd64

                Package: tzdata
                Version: 2025b-0+deb12u1
                Architecture: all

                Package: libc6
                Version: 1:2.36-9
                Architecture: amd64

                Package: libc6
                Version: 2.99-1
                Architecture: amd64
                """;
        Map<String, String> newest = PackageIndex.debian(new ByteArrayInputStream(packages.getBytes(StandardCharsets.UTF_8)));
        assertEquals(Map.of("openssl:amd64", "3.0.17-1~deb12u2", "tzdata:all", "2025b-0+deb12u1", "libc6:amd64", "1:2.36-9"), newest);
    }

    @Test
    void theNewestVersionOfEachAlpinePackage() {
        String index = "C:Q1abc=\nP:musl\nV:1.2.5-r0\nA:x86_64\n\nC:Q1def=\nP:musl\nV:1.2.5-r1\nA:x86_64\n\nP:busybox\nV:1.36.1-r29\nA:x86_64\n";
        assertEquals(Map.of("musl:x86_64", "1.2.5-r1", "busybox:x86_64", "1.36.1-r29"), PackageIndex.alpine(index));
    }
}
