package dev.platformimages.packages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The inventory of a released image as the document kept with it in the registry (an OCI artifact of
 * {@link #ARTIFACT_TYPE} whose subject is the image): per platform, the package manager, every package with its
 * version, source package and architecture, or the note that says why none were read. Small, and complete enough for
 * later comparisons and for SBOMs (CycloneDX and SPDX name packages by the same fields).
 */
public final class InventoryDocument {

    public static final String ARTIFACT_TYPE = "application/vnd.platformimages.inventory.v1+json";
    /** The media type of the document itself, the artifact's one layer. */
    public static final String MEDIA_TYPE = "application/vnd.platformimages.inventory.v1+json";
    /** The artifact's annotation that says how many packages the document lists. */
    public static final String COUNT_ANNOTATION = "dev.platformimages.inventory.packages";
    static final String SCHEMA = "dev.platformimages.inventory/v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private InventoryDocument() {
    }

    /** The document of {@code inventories} (by platform) of the image {@code imageDigest}. */
    public static byte[] write(String imageDigest, Map<String, PackageInventory> inventories) {
        ObjectNode root = JSON.createObjectNode().put("schema", SCHEMA).put("image", imageDigest);
        ObjectNode platforms = root.putObject("platforms");
        inventories.forEach((platform, inventory) -> {
            ObjectNode node = platforms.putObject(platform);
            node.put("manager", inventory.manager() == null ? null : inventory.manager().name().toLowerCase(Locale.ROOT));
            if (inventory.note() != null) {
                node.put("note", inventory.note());
            }
            ArrayNode packages = node.putArray("packages");
            for (InstalledPackage p : inventory.packages()) {
                ObjectNode entry = packages.addObject().put("name", p.name()).put("version", p.version())
                        .put("source", p.source()).put("architecture", p.architecture());
                if (p.sourceVersion() != null) {
                    entry.put("sourceVersion", p.sourceVersion());
                }
            }
            if (inventory.sources() != null) {
                writeSources(node.putObject("sources"), inventory.sources());
            }
            if (inventory.checked() != null) {
                ObjectNode checked = node.putObject("checked");
                inventory.checked().indexes().forEach(checked.putObject("indexes")::put);
                inventory.checked().notTaken().forEach(checked.putObject("notTaken")::put);
            }
        });
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeSources(ObjectNode node, PackageSources sources) {
        ArrayNode apt = node.putArray("apt");
        for (AptSource source : sources.apt()) {
            ObjectNode entry = apt.addObject().put("uri", source.uri()).put("suite", source.suite());
            source.components().forEach(entry.putArray("components")::add);
            source.architectures().forEach(entry.putArray("architectures")::add);
            entry.put("signedBy", source.signedBy());
        }
        sources.apk().forEach(node.putArray("apk")::add);
        sources.keys().forEach(node.putObject("keys")::put);
        if (sources.problem() != null) {
            node.put("problem", sources.problem());
        }
    }

    private static PackageSources readSources(JsonNode node) {
        List<AptSource> apt = new ArrayList<>();
        for (JsonNode entry : node.path("apt")) {
            apt.add(new AptSource(entry.path("uri").asText(), entry.path("suite").asText(), texts(entry.path("components")),
                    texts(entry.path("architectures")), entry.path("signedBy").asText(null)));
        }
        return new PackageSources(apt, texts(node.path("apk")), strings(node.path("keys")), node.path("problem").asText(null));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    /**
     * The inventories (by platform) a document holds.
     *
     * @throws IllegalArgumentException when it is not such a document
     */
    public static Map<String, PackageInventory> read(byte[] document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (IOException e) {
            throw new IllegalArgumentException("the inventory document is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !SCHEMA.equals(root.path("schema").asText())) {
            throw new IllegalArgumentException("not an inventory document of schema " + SCHEMA);
        }
        Map<String, PackageInventory> inventories = new LinkedHashMap<>();
        root.path("platforms").fields().forEachRemaining(platform -> {
            JsonNode node = platform.getValue();
            String manager = node.path("manager").asText(null);
            List<InstalledPackage> packages = new ArrayList<>();
            for (JsonNode p : node.path("packages")) {
                packages.add(new InstalledPackage(p.path("name").asText(), p.path("version").asText(),
                        p.path("source").asText(p.path("name").asText()), p.path("sourceVersion").asText(null),
                        p.path("architecture").asText("")));
            }
            PackageInventory.SourcesChecked checked = null;
            if (node.has("checked")) {
                checked = new PackageInventory.SourcesChecked(strings(node.path("checked").path("indexes")),
                        strings(node.path("checked").path("notTaken")));
            }
            inventories.put(platform.getKey(), new PackageInventory(
                    manager == null ? null : PackageManager.valueOf(manager.toUpperCase(Locale.ROOT)), packages,
                    node.path("note").asText(null), node.has("sources") ? readSources(node.path("sources")) : null, checked));
        });
        return inventories;
    }
}
