package dev.platformimages.sbom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platformimages.image.ImageReference;
import dev.platformimages.packages.InstalledPackage;
import dev.platformimages.packages.PackageInventory;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A CycloneDX 1.6 JSON SBOM of a released image, built from its package inventory: the image as the metadata's
 * component (purl by digest), each upstream base as a container component by digest, every installed package as a
 * library with its purl, source package and platform, and the dependencies image -> bases and packages.
 */
public final class CycloneDx {

    public static final String MEDIA_TYPE = "application/vnd.cyclonedx+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The image the SBOM is about. */
    public record Image(String registry, String repository, String versionTag, String digest, Map<String, String> bases) {
    }

    private CycloneDx() {
    }

    /**
     * The SBOM of {@code image} with {@code inventories} (by platform). {@code serial} and {@code timestamp} make it
     * reproducible: the same release, the same bytes.
     */
    public static byte[] write(Image image, Map<String, PackageInventory> inventories, String toolVersion, UUID serial,
                               Instant timestamp) {
        ObjectNode bom = JSON.createObjectNode().put("bomFormat", "CycloneDX").put("specVersion", "1.6")
                .put("serialNumber", "urn:uuid:" + serial).put("version", 1);
        ObjectNode metadata = bom.putObject("metadata").put("timestamp", timestamp.toString());
        metadata.putObject("tools").putArray("components").addObject().put("type", "application")
                .put("name", "platform-image-maven-plugin").put("version", toolVersion);
        String imageRef = PackageUrl.image(image.registry(), image.repository(), image.digest());
        ObjectNode subject = metadata.putObject("component").put("type", "container").put("bom-ref", imageRef)
                .put("name", image.registry() + "/" + image.repository()).put("version", image.versionTag()).put("purl", imageRef);
        subject.putArray("hashes").addObject().put("alg", "SHA-256").put("content", image.digest().substring("sha256:".length()));
        ArrayNode components = bom.putArray("components");
        Set<String> dependsOn = new LinkedHashSet<>();
        image.bases().forEach((reference, digest) -> {
            ImageReference parsed = ImageReference.parse(reference);
            String ref = PackageUrl.image(parsed.registry(), parsed.repository(), digest);
            if (dependsOn.add(ref)) {
                ObjectNode base = components.addObject().put("type", "container").put("bom-ref", ref).put("name", reference)
                        .put("purl", ref);
                base.putArray("hashes").addObject().put("alg", "SHA-256").put("content", digest.substring(digest.indexOf(':') + 1));
                base.putArray("properties").addObject().put("name", "dev.platformimages:role").put("value", "upstream base");
            }
        });
        inventories.forEach((platform, inventory) -> {
            for (InstalledPackage p : inventory.packages()) {
                String purl = PackageUrl.of(inventory.manager(), p);
                String ref = purl + (inventories.size() > 1 ? "#" + platform : "");
                if (!dependsOn.add(ref)) {
                    continue;
                }
                ObjectNode component = components.addObject().put("type", "library").put("bom-ref", ref).put("name", p.name())
                        .put("version", p.version()).put("purl", purl);
                ArrayNode properties = component.putArray("properties");
                properties.addObject().put("name", "dev.platformimages:source").put("value", p.source()
                        + (p.sourceVersion() == null ? "" : " " + p.sourceVersion()));
                properties.addObject().put("name", "dev.platformimages:platform").put("value", platform);
                properties.addObject().put("name", "dev.platformimages:manager")
                        .put("value", inventory.manager().name().toLowerCase(java.util.Locale.ROOT));
            }
        });
        ObjectNode dependency = bom.putArray("dependencies").addObject().put("ref", imageRef);
        ArrayNode on = dependency.putArray("dependsOn");
        dependsOn.forEach(on::add);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(bom);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
