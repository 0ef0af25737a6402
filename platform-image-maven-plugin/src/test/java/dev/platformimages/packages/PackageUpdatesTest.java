package dev.platformimages.packages;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PackageUpdatesTest {

    private final PackageInventory image = new PackageInventory(PackageManager.DPKG, List.of(
            new InstalledPackage("openssl", "3.0.15-1~deb12u1", "openssl", null, "amd64"),
            new InstalledPackage("tzdata", "2025a-0+deb12u1", "tzdata", null, "all"),
            new InstalledPackage("libc6", "2.36-9+deb12u10", "glibc", null, "amd64"),
            new InstalledPackage("held", "1.0-1", "held", null, "all")), null);

    @Test
    void onlyNewerVersionsOfTheSameArchitectureAreUpdates() {
        Map<String, PackageUpdates.Offer> offers = Map.of(
                "openssl:amd64", new PackageUpdates.Offer("3.0.17-1~deb12u2", "security"),
                "openssl:arm64", new PackageUpdates.Offer("9.9", "elsewhere"),
                "tzdata:all", new PackageUpdates.Offer("2025a-0+deb12u1", "main"),
                "libc6:amd64", new PackageUpdates.Offer("2.36-9+deb12u9", "main"),
                "held:all", new PackageUpdates.Offer("1.0-2", "main"));
        assertEquals(List.of(new PackageUpdates.Update("held", "1.0-1", "1.0-2", "main"),
                new PackageUpdates.Update("openssl", "3.0.15-1~deb12u1", "3.0.17-1~deb12u2", "security")),
                PackageUpdates.outdated(image, offers, Map.of()));
    }

    @Test
    void anUpdateTheReleaseDidNotTakeIsNotAskedForAgainUntilANewerOneComes() {
        Map<String, String> notTaken = Map.of("held", "1.0-2");
        assertEquals(List.of(), PackageUpdates.outdated(image, Map.of("held:all", new PackageUpdates.Offer("1.0-2", "main")), notTaken));
        assertEquals(List.of(new PackageUpdates.Update("held", "1.0-1", "1.0-3", "main")),
                PackageUpdates.outdated(image, Map.of("held:all", new PackageUpdates.Offer("1.0-3", "main")), notTaken));
        assertEquals(Map.of("held", "1.0-3"), PackageUpdates.versions(List.of(new PackageUpdates.Update("held", "1.0-1", "1.0-3", "main"))));
    }

    @Test
    void anImageWithoutAPackageManagerHasNoUpdates() {
        assertEquals(List.of(), PackageUpdates.outdated(new PackageInventory(null, List.of(), "no database"), Map.of(), Map.of()));
    }
}
