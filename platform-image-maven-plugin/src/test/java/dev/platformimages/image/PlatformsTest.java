package dev.platformimages.image;

import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.step.BinfmtCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** platform.platforms parsing, per-platform digest values and the binfmt check. */
class PlatformsTest {

    @Test
    void platformsAreParsedInOrderAndNormalised() {
        assertEquals(List.of("linux/amd64", "linux/arm64", "linux/arm/v7"), Platforms.parse(" linux/amd64, LINUX/ARM64 ,linux/arm/v7"));
        assertEquals(List.of(), Platforms.parse(null));
        assertEquals(List.of(), Platforms.parse(" "));
        assertEquals("v7", Platforms.variant("linux/arm/v7"));
        assertEquals("linux-arm-v7", Platforms.tagSuffix("linux/arm/v7"));
        assertEquals("aarch64", Platforms.qemuName("linux/arm64"));
    }

    @Test
    void anUnknownPlatformIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Platforms.parse("linux/amd64,linux/sparc"));
        assertTrue(e.getMessage().startsWith("platform.platforms has 'linux/sparc', which is not a platform this plugin builds: "
                + "use os/architecture[/variant] from linux/amd64, linux/arm64"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Platforms.parse("arm64"));
    }

    @Test
    void aDuplicatePlatformIsAnError() {
        assertEquals("platform.platforms names linux/arm64 twice: each platform is built once",
                assertThrows(IllegalArgumentException.class, () -> Platforms.parse("linux/arm64,linux/amd64,linux/ARM64")).getMessage());
    }

    @Test
    void perPlatformDigestsRoundTripAndTheirChangeNamesThePlatform() {
        Map<String, String> digests = new LinkedHashMap<>();
        digests.put("linux/amd64", "sha256:a1");
        digests.put("linux/arm64", "sha256:b1");
        String before = Platforms.encode(digests);
        assertEquals("linux/amd64=sha256:a1;linux/arm64=sha256:b1", before);
        assertEquals(digests, Platforms.decode(before));
        assertEquals(Map.of(), Platforms.decode("sha256:a1"), "a single-platform value is no map");
        digests.put("linux/arm64", "sha256:b2");
        assertEquals("linux/arm64: sha256:b1 -> sha256:b2", Platforms.describeChange(before, Platforms.encode(digests)));
        // The label format of the bases keeps it whole: no ',' and no '@' inside.
        assertEquals(Map.of("busybox:stable", before), ImageLabels.decodeBases(ImageLabels.encodeBases(Map.of("busybox:stable", before))));
    }

    @Test
    void aForeignPlatformNeedsAnEnabledBinfmtHandler(@TempDir Path binfmt) throws Exception {
        BinfmtCheck check = new BinfmtCheck(binfmt, "linux/amd64");
        check.requireRunnable(List.of("linux/amd64", "linux/386")); // native: nothing needed
        ReleaseFailure missing = assertThrows(ReleaseFailure.class, () -> check.requireRunnable(List.of("linux/amd64", "linux/arm64")));
        assertTrue(missing.getMessage().startsWith("linux/arm64 cannot be built or tested on this machine: no binfmt_misc handler "
                + binfmt.resolve("qemu-aarch64")), missing.getMessage());
        assertTrue(missing.getMessage().contains("apt-get install qemu-user-static binfmt-support"), missing.getMessage());
        assertTrue(missing.getMessage().contains("update-binfmts --enable qemu-aarch64"), missing.getMessage());

        Files.writeString(binfmt.resolve("qemu-aarch64"), "disabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\n");
        assertTrue(assertThrows(ReleaseFailure.class, () -> check.requireRunnable(List.of("linux/arm64")))
                .getMessage().contains("qemu-aarch64 is disabled"));
        Files.writeString(binfmt.resolve("qemu-aarch64"), "enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\n");
        check.requireRunnable(List.of("linux/amd64", "linux/arm64"));
    }
}
