package dev.platformimages.packages;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InventoryDocumentTest {

    @Test
    void aDocumentReadsBackAsTheInventoriesWritten() {
        Map<String, PackageInventory> inventories = new LinkedHashMap<>();
        inventories.put("linux/amd64", new PackageInventory(PackageManager.DPKG, List.of(
                new InstalledPackage("libssl3", "3.0.15-1~deb12u1", "openssl", null, "amd64"),
                new InstalledPackage("libgcc-s1", "12.2.0-14+deb12u1", "gcc-12", "12.2.0-14", "amd64")), null));
        inventories.put("linux/arm64", new PackageInventory(PackageManager.APK, List.of(
                new InstalledPackage("musl", "1.2.5-r0", "musl", null, "aarch64")), null));
        inventories.put("linux/s390x", new PackageInventory(null, List.of(), "the image has no package database of dpkg or apk"));

        byte[] document = InventoryDocument.write("sha256:" + "a".repeat(64), inventories);

        assertEquals(inventories, InventoryDocument.read(document));
        assertEquals(true, new String(document, StandardCharsets.UTF_8).contains("\"schema\" : \"dev.platformimages.inventory/v1\""));
    }

    @Test
    void somethingElseIsRefusedPlainly() {
        assertThrows(IllegalArgumentException.class, () -> InventoryDocument.read("{\"schema\":\"other\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> InventoryDocument.read("not json".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSourcesTheirKeysAndWhatTheReleaseDidNotTakeReadBack() {
        PackageInventory inventory = new PackageInventory(PackageManager.DPKG,
                java.util.List.of(new InstalledPackage("openssl", "3.0.15-1~deb12u1", "openssl", null, "amd64")), null,
                new PackageSources(java.util.List.of(new AptSource("http://deb.debian.org/debian", "bookworm", java.util.List.of("main"),
                        java.util.List.of(), "/usr/share/keyrings/debian-archive-keyring.gpg")), java.util.List.of(),
                        java.util.Map.of("/usr/share/keyrings/debian-archive-keyring.gpg", "AAEC")),
                new PackageInventory.SourcesChecked(java.util.Map.of("http://deb.debian.org/debian/dists/bookworm/InRelease", "ab12"),
                        java.util.Map.of("openssl", "3.0.17-1~deb12u2")));
        java.util.Map<String, PackageInventory> read = InventoryDocument.read(InventoryDocument.write("sha256:cafe",
                java.util.Map.of("linux/amd64", inventory)));
        assertEquals(inventory, read.get("linux/amd64"));
    }
}
