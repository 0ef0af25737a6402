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
}
