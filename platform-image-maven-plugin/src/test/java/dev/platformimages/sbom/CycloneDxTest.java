package dev.platformimages.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.platformimages.packages.InstalledPackage;
import dev.platformimages.packages.PackageInventory;
import dev.platformimages.packages.PackageManager;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SBOMs are valid CycloneDX 1.6: checked against the official schema (copies of ../shared/schemas/cyclonedx/, with
 * the SPDX licence list and JSF schemas it refers to, resolved from the test classpath).
 */
class CycloneDxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema BOM_1_6 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
                    builder -> builder.schemaMappers(m -> m.mapPrefix("http://cyclonedx.org/schema/", "classpath:sbom/cyclonedx/")))
            .getSchema(java.net.URI.create("http://cyclonedx.org/schema/bom-1.6.schema.json"));

    private static final CycloneDx.Image IMAGE = new CycloneDx.Image("123456789012.dkr.ecr.eu-west-1.amazonaws.com",
            "platform/dotnet-runtime", "8.0-bookworm-slim-1.3.1", "sha256:" + "c".repeat(64),
            Map.of("mcr.microsoft.com/dotnet/runtime:8.0-bookworm-slim", "sha256:" + "b".repeat(64)));

    private static Map<String, PackageInventory> inventories() {
        Map<String, PackageInventory> inventories = new LinkedHashMap<>();
        inventories.put("linux/amd64", new PackageInventory(PackageManager.DPKG, List.of(
                new InstalledPackage("libssl3", "3.0.17-1~deb12u2", "openssl", null, "amd64"),
                new InstalledPackage("zlib1g", "1:1.2.13.dfsg-1", "zlib", null, "amd64"),
                new InstalledPackage("libgcc-s1", "12.2.0-14", "gcc-12", "12.2.0-14+deb12u1", "amd64")), null));
        inventories.put("linux/arm64", new PackageInventory(PackageManager.DPKG, List.of(
                new InstalledPackage("libssl3", "3.0.17-1~deb12u2", "openssl", null, "arm64")), null));
        return inventories;
    }

    @Test
    void theSbomOfAReleaseIsValidCycloneDx16AndNamesEveryPackageByPurl() throws Exception {
        byte[] sbom = CycloneDx.write(IMAGE, inventories(), "0.1.0", UUID.fromString("3e671687-395b-41f5-a30f-a58921a69b79"),
                Instant.parse("2026-12-02T03:00:00Z"));
        JsonNode bom = JSON.readTree(sbom);
        assertEquals(java.util.Set.of(), BOM_1_6.validate(bom));
        assertEquals("pkg:oci/dotnet-runtime@sha256%3A" + "c".repeat(64) + "?repository_url=123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform/dotnet-runtime",
                bom.path("metadata").path("component").path("purl").asText());
        List<String> purls = new java.util.ArrayList<>();
        bom.path("components").forEach(c -> purls.add(c.path("purl").asText()));
        assertEquals(List.of("pkg:oci/runtime@sha256%3A" + "b".repeat(64) + "?repository_url=mcr.microsoft.com/dotnet/runtime",
                "pkg:deb/debian/libgcc-s1@12.2.0-14?arch=amd64", "pkg:deb/debian/libssl3@3.0.17-1~deb12u2?arch=amd64",
                "pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64", "pkg:deb/debian/libssl3@3.0.17-1~deb12u2?arch=arm64"), purls);
        assertEquals(5, bom.path("dependencies").get(0).path("dependsOn").size());
        assertArrayEquals(sbom, CycloneDx.write(IMAGE, inventories(), "0.1.0", UUID.fromString("3e671687-395b-41f5-a30f-a58921a69b79"),
                Instant.parse("2026-12-02T03:00:00Z")), "the same release, the same bytes");
    }

    @Test
    void aBrokenSbomFailsTheSchemaSoTheCheckCanFail() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode bom = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
                CycloneDx.write(IMAGE, inventories(), "0.1.0", UUID.randomUUID(), Instant.now()));
        bom.put("specVersion", 1.6);
        ((com.fasterxml.jackson.databind.node.ObjectNode) bom.path("components").get(1)).put("type", "debian-package");
        assertEquals(2, BOM_1_6.validate(bom).size(), BOM_1_6.validate(bom).toString());
    }

    @Test
    void purlsEncodeEpochsAndPlusSigns() {
        assertEquals("pkg:deb/debian/libc6@2.36-9%2Bdeb12u10?arch=amd64",
                PackageUrl.of(PackageManager.DPKG, new InstalledPackage("libc6", "2.36-9+deb12u10", "glibc", null, "amd64")));
        assertEquals("pkg:apk/alpine/musl@1.2.5-r1?arch=x86_64",
                PackageUrl.of(PackageManager.APK, new InstalledPackage("musl", "1.2.5-r1", "musl", null, "x86_64")));
    }
}
