package dev.platformimages.packages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.MediaTypes;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the package inventory of an image straight from its registry, without an engine and without running it:
 * the manifest (each platform's, for an index), then the layers in order, each streamed to a file, decompressed as
 * its media type says (gzip, zstd or none) and read for the package databases only. A layer read once (a base
 * shared by the images of a fleet) is not read again while the reader's layer cache lives.
 */
public final class InventoryReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClient registry;
    private final Map<String, ImageFiles.Layer> layers;
    private final Path workDirectory;
    private int layersRead;

    /**
     * @param layers        what layers hold, by digest: share one map between the readers of a build
     * @param workDirectory where a layer is streamed to while it is read (deleted after)
     */
    public InventoryReader(RegistryClient registry, Map<String, ImageFiles.Layer> layers, Path workDirectory) {
        this.registry = registry;
        this.layers = layers;
        this.workDirectory = workDirectory;
    }

    /**
     * The inventory of each platform of {@code image} (by os/architecture; an image manifest not in an index is
     * read as the platform its config names).
     *
     * @throws RegistryException when the image or a layer cannot be read, a layer is not a tar, or a database does
     *                           not parse (the message names the layer or the file)
     */
    public Map<String, PackageInventory> read(ImageReference image) {
        Manifest manifest = registry.manifest(image).orElseThrow(() -> new RegistryException(image + " is not in the registry"));
        Map<String, PackageInventory> result = new LinkedHashMap<>();
        JsonNode json = json(manifest.body(), image);
        if (MediaTypes.isIndex(manifest.mediaType())) {
            for (JsonNode entry : json.path("manifests")) {
                JsonNode platform = entry.path("platform");
                String os = platform.path("os").asText("");
                if (os.isEmpty() || os.equals("unknown")) {
                    continue; // an attestation manifest
                }
                String name = os + "/" + platform.path("architecture").asText("")
                        + (platform.hasNonNull("variant") ? "/" + platform.path("variant").asText() : "");
                ImageReference child = image.withDigest(entry.path("digest").asText());
                Manifest platformManifest = registry.manifest(child)
                        .orElseThrow(() -> new RegistryException(child + ", listed by " + image + ", is not in the registry"));
                result.put(name, inventory(image, json(platformManifest.body(), child)));
            }
        } else {
            JsonNode config = json(registry.blob(image, json.path("config").path("digest").asText()), image);
            result.put(config.path("os").asText("") + "/" + config.path("architecture").asText(""), inventory(image, json));
        }
        return result;
    }

    /** How many layers this reader fetched and read (the others came from the cache). */
    public int layersRead() {
        return layersRead;
    }

    private PackageInventory inventory(ImageReference image, JsonNode manifest) {
        ImageFiles files = new ImageFiles();
        for (JsonNode layer : manifest.path("layers")) {
            String digest = layer.path("digest").asText();
            String mediaType = layer.path("mediaType").asText("");
            ImageFiles.Layer read = layers.get(digest);
            if (read == null) {
                read = readLayer(image, digest, mediaType);
                layers.put(digest, read);
            }
            files.apply(read);
        }
        try {
            return PackageInventory.of(files.files());
        } catch (IllegalArgumentException e) {
            throw new RegistryException("the package database of " + image + " does not parse: " + e.getMessage(), e);
        }
    }

    private ImageFiles.Layer readLayer(ImageReference image, String digest, String mediaType) {
        Path file = null;
        try {
            Files.createDirectories(workDirectory);
            file = Files.createTempFile(workDirectory, "layer-", ".blob");
            registry.blobTo(image, digest, file);
            layersRead++;
            try (InputStream in = decompressed(new BufferedInputStream(Files.newInputStream(file)), mediaType, digest)) {
                return ImageFiles.read(in, PackageInventory.FILES, PackageInventory.MAX_FILE_BYTES);
            }
        } catch (IOException e) {
            throw new RegistryException("layer " + digest + " of " + image + " (" + mediaType + ") cannot be read as a tar: "
                    + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left in target/ is harmless
                }
            }
        }
    }

    /** The layer's tar stream, as its media type says it is compressed. */
    static InputStream decompressed(InputStream in, String mediaType, String digest) throws IOException {
        if (mediaType.endsWith("+zstd") || mediaType.endsWith(".zstd")) {
            return new ZstdCompressorInputStream(in);
        }
        if (mediaType.endsWith("+gzip") || mediaType.endsWith(".gzip") || mediaType.endsWith(".tar.gzip")) {
            return new GZIPInputStream(in, 64 * 1024);
        }
        if (mediaType.endsWith(".tar") || mediaType.endsWith("layer.v1.tar")) {
            return in;
        }
        throw new IOException("layer " + digest + " has media type '" + mediaType + "', which is not a tar, gzip or zstd layer");
    }

    private static JsonNode json(byte[] body, ImageReference of) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the manifest or config of " + of + " is not JSON", e);
        }
    }
}
