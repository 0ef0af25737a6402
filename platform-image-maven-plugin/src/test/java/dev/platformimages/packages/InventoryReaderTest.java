package dev.platformimages.packages;

import com.github.luben.zstd.ZstdOutputStream;
import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.MediaTypes;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.step.InMemoryRegistry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryReaderTest {

    private static final String REPO = "platform/node";
    private final InMemoryRegistry registry = new InMemoryRegistry();

    @TempDir
    Path work;

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] tar(String path, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(path);
            entry.setSize(data.length);
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] zstd(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new ZstdOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static String status(String... nameVersions) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < nameVersions.length; i += 2) {
            text.append("Package: ").append(nameVersions[i]).append("\nStatus: install ok installed\nArchitecture: amd64\n")
                    .append("Version: ").append(nameVersions[i + 1]).append("\n\n");
        }
        return text.toString();
    }

    /** Stores the blobs and an image manifest of them; returns its digest. */
    private String image(String architecture, String[][] layers) throws Exception {
        byte[] config = ("{\"os\":\"linux\",\"architecture\":\"" + architecture + "\"}").getBytes(StandardCharsets.UTF_8);
        String configDigest = sha256(config);
        registry.blobContents.put(configDigest, config);
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},\"layers\":[");
        List<String> digests = new java.util.ArrayList<>(List.of(configDigest));
        for (int i = 0; i < layers.length; i++) {
            String digest = layers[i][0];
            json.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(layers[i][1]).append("\",\"digest\":\"")
                    .append(digest).append("\",\"size\":1}");
            digests.add(digest);
        }
        byte[] body = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        String digest = sha256(body);
        registry.put(REPO, null, new Manifest(body, MediaTypes.OCI_MANIFEST, digest), digests.toArray(String[]::new));
        return digest;
    }

    private String[] layer(byte[] blob, String mediaType) throws Exception {
        String digest = sha256(blob);
        registry.blobContents.put(digest, blob);
        return new String[] {digest, mediaType};
    }

    @Test
    void eachPlatformOfAnIndexIsReadLayerByLayerAndASharedLayerOnce() throws Exception {
        String[] base = layer(gzip(tar("var/lib/dpkg/status", status("libssl3", "3.0.15-1~deb12u1", "tzdata", "2024a-0+deb12u1"))),
                "application/vnd.oci.image.layer.v1.tar+gzip");
        String[] upgrade = layer(zstd(tar("./var/lib/dpkg/status", status("libssl3", "3.0.16-1~deb12u1", "tzdata",
                "2024a-0+deb12u1", "ca-certificates", "20230311"))), "application/vnd.oci.image.layer.v1.tar+zstd");
        String amd64 = image("amd64", new String[][] {base, upgrade});
        String arm64 = image("arm64", new String[][] {base});
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
                + "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + amd64 + "\",\"size\":1,\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}},"
                + "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + arm64 + "\",\"size\":1,\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\"}},"
                + "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + arm64 + "\",\"size\":1,\"platform\":{\"os\":\"unknown\",\"architecture\":\"unknown\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
        registry.put(REPO, "1.0.0", new Manifest(index, MediaTypes.OCI_INDEX, sha256(index)));

        InventoryReader reader = new InventoryReader(registry, new HashMap<>(), work);
        Map<String, PackageInventory> inventories = reader.read(ImageReference.parse("registry.example/" + REPO + ":1.0.0"));

        assertEquals(List.of("linux/amd64", "linux/arm64"), List.copyOf(inventories.keySet()), "the attestation entry is skipped");
        assertEquals(List.of("ca-certificates", "libssl3", "tzdata"),
                inventories.get("linux/amd64").packages().stream().map(InstalledPackage::name).toList());
        assertEquals("3.0.16-1~deb12u1", inventories.get("linux/amd64").packages().get(1).version(), "the upper layer wins");
        assertEquals(2, inventories.get("linux/arm64").packages().size());
        assertEquals(2, reader.layersRead(), "the base layer both platforms share is read once");
        assertEquals(0, java.nio.file.Files.list(work).count(), "no layer file is left");
    }

    @Test
    void aSingleImageIsReadAsThePlatformItsConfigNames() throws Exception {
        String[] only = layer(tar("lib/apk/db/installed", "P:musl\nV:1.2.5-r0\nA:aarch64\n"), "application/vnd.oci.image.layer.v1.tar");
        String digest = image("arm64", new String[][] {only});
        Map<String, PackageInventory> inventories = new InventoryReader(registry, new HashMap<>(), work)
                .read(ImageReference.parse("registry.example/" + REPO + "@" + digest));
        assertEquals(PackageManager.APK, inventories.get("linux/arm64").manager());
    }

    @Test
    void aLayerThatIsNotATarIsAnErrorNamingIt() throws Exception {
        String[] bad = layer(gzip("not a tar at all, just some text that is long enough".repeat(20).getBytes(StandardCharsets.UTF_8)),
                "application/vnd.docker.image.rootfs.diff.tar.gzip");
        String digest = image("amd64", new String[][] {bad});
        RegistryException e = assertThrows(RegistryException.class, () -> new InventoryReader(registry, new HashMap<>(), work)
                .read(ImageReference.parse("registry.example/" + REPO + "@" + digest)));
        assertTrue(e.getMessage().startsWith("layer " + bad[0] + " of registry.example/" + REPO), e.getMessage());
        String[] foreign = layer(new byte[] {1, 2, 3}, "application/vnd.example.unknown");
        String other = image("amd64", new String[][] {foreign});
        RegistryException unknown = assertThrows(RegistryException.class, () -> new InventoryReader(registry, new HashMap<>(), work)
                .read(ImageReference.parse("registry.example/" + REPO + "@" + other)));
        assertTrue(unknown.getMessage().contains("which is not a tar, gzip or zstd layer"), unknown.getMessage());
    }
}
