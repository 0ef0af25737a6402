package dev.platformimages.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.platformimages.packages.InstalledPackage;
import dev.platformimages.packages.PackageInventory;
import dev.platformimages.packages.PackageManager;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** SPDX documents are valid against the official SPDX 2.3 JSON schema (a copy of ../shared/schemas/spdx-2.3.schema.json). */
class SpdxTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonSchema schema() throws Exception {
        try (InputStream in = SpdxTest.class.getResourceAsStream("/sbom/spdx-2.3.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(JSON.readTree(in));
        }
    }

    @Test
    void theSpdxDocumentOfAReleaseIsValidAndRelatesImageBasesAndPackages() throws Exception {
        CycloneDx.Image image = new CycloneDx.Image("ghcr.io", "acme/platform/node", "20-bookworm-slim-1.2.0", "sha256:" + "a".repeat(64),
                Map.of("docker.io/library/node:20-bookworm-slim", "sha256:" + "d".repeat(64)));
        Map<String, PackageInventory> inventories = Map.of("linux/amd64", new PackageInventory(PackageManager.DPKG, List.of(
                new InstalledPackage("libc6", "2.36-9+deb12u10", "glibc", null, "amd64"),
                new InstalledPackage("g++", "4:12.2.0-3", "gcc-defaults", "1.203", "amd64")), null));
        JsonNode doc = JSON.readTree(Spdx.write(image, inventories, "0.1.0", Instant.parse("2026-12-02T03:00:00.123Z")));
        JsonSchema schema = schema();
        assertEquals(java.util.Set.of(), schema.validate(doc));
        assertEquals("2026-12-02T03:00:00Z", doc.path("creationInfo").path("created").asText());
        List<String> relations = new java.util.ArrayList<>();
        doc.path("relationships").forEach(r -> relations.add(r.path("spdxElementId").asText() + " " + r.path("relationshipType").asText()
                + " " + r.path("relatedSpdxElement").asText()));
        assertEquals(List.of("SPDXRef-DOCUMENT DESCRIBES SPDXRef-Image", "SPDXRef-Image DESCENDANT_OF SPDXRef-Base-1",
                "SPDXRef-Image CONTAINS SPDXRef-Package-2-g--", "SPDXRef-Image CONTAINS SPDXRef-Package-3-libc6"), relations);
        assertEquals("pkg:deb/debian/g%2B%2B@4%3A12.2.0-3?arch=amd64",
                doc.path("packages").get(2).path("externalRefs").get(0).path("referenceLocator").asText());

        ((ObjectNode) doc).remove("dataLicense");
        assertFalse(schema.validate(doc).isEmpty(), "the schema check can fail");
    }
}
