package dev.platformimages.sbom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platformimages.image.ImageReference;
import dev.platformimages.packages.InstalledPackage;
import dev.platformimages.packages.PackageInventory;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * An SPDX 2.3 JSON SBOM of a released image, from the same inventory as {@link CycloneDx}: the document DESCRIBES the
 * image (a CONTAINER package by digest), which CONTAINS every installed package (purl as a package-manager reference,
 * source package and platform in a comment) and is a DESCENDANT_OF each upstream base.
 */
public final class Spdx {

    public static final String MEDIA_TYPE = "application/spdx+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Spdx() {
    }

    /** The document of {@code image} with {@code inventories} (by platform); reproducible for one release. */
    public static byte[] write(CycloneDx.Image image, Map<String, PackageInventory> inventories, String toolVersion,
                               Instant created) {
        ObjectNode doc = JSON.createObjectNode().put("spdxVersion", "SPDX-2.3").put("dataLicense", "CC0-1.0")
                .put("SPDXID", "SPDXRef-DOCUMENT").put("name", image.registry() + "/" + image.repository() + ":" + image.versionTag())
                .put("documentNamespace", "https://spdx.platformimages.dev/" + image.registry() + "/" + image.repository()
                        + "/" + image.digest().replace(':', '-'));
        ObjectNode creation = doc.putObject("creationInfo").put("created", created.truncatedTo(ChronoUnit.SECONDS).toString());
        creation.putArray("creators").add("Tool: platform-image-maven-plugin-" + toolVersion);
        ArrayNode packages = doc.putArray("packages");
        ArrayNode relationships = doc.putArray("relationships");
        ObjectNode subject = pkg(packages, "SPDXRef-Image", image.registry() + "/" + image.repository(), image.versionTag(),
                PackageUrl.image(image.registry(), image.repository(), image.digest())).put("primaryPackagePurpose", "CONTAINER");
        subject.putArray("checksums").addObject().put("algorithm", "SHA256").put("checksumValue", image.digest().substring(7));
        relationship(relationships, "SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Image");
        int n = 0;
        for (Map.Entry<String, String> base : image.bases().entrySet()) {
            String id = "SPDXRef-Base-" + (++n);
            String reference = base.getKey();
            ImageReference parsed = ImageReference.parse(reference);
            pkg(packages, id, reference, base.getValue(), PackageUrl.image(parsed.registry(), parsed.repository(), base.getValue()))
                    .put("primaryPackagePurpose", "CONTAINER").putArray("checksums").addObject().put("algorithm", "SHA256")
                    .put("checksumValue", base.getValue().substring(base.getValue().indexOf(':') + 1));
            relationship(relationships, "SPDXRef-Image", "DESCENDANT_OF", id);
        }
        for (Map.Entry<String, PackageInventory> platform : inventories.entrySet()) {
            PackageInventory inventory = platform.getValue();
            for (InstalledPackage p : inventory.packages()) {
                String id = "SPDXRef-Package-" + (++n) + "-" + p.name().replaceAll("[^A-Za-z0-9.-]", "-");
                pkg(packages, id, p.name(), p.version(), PackageUrl.of(inventory.manager(), p))
                        .put("primaryPackagePurpose", "LIBRARY")
                        .put("comment", "platform " + platform.getKey() + "; source package " + p.source()
                                + (p.sourceVersion() == null ? "" : " " + p.sourceVersion()));
                relationship(relationships, "SPDXRef-Image", "CONTAINS", id);
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode pkg(ArrayNode packages, String id, String name, String version, String purl) {
        ObjectNode p = packages.addObject().put("SPDXID", id).put("name", name).put("versionInfo", version)
                .put("downloadLocation", "NOASSERTION").put("filesAnalyzed", false);
        p.putArray("externalRefs").addObject().put("referenceCategory", "PACKAGE-MANAGER").put("referenceType", "purl")
                .put("referenceLocator", purl);
        return p;
    }

    private static void relationship(ArrayNode relationships, String from, String type, String to) {
        relationships.addObject().put("spdxElementId", from).put("relationshipType", type).put("relatedSpdxElement", to);
    }
}
