package dev.platformimages.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platformimages.image.Platforms;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The index of a multi-arch image made of its platform images, in their order: a Docker manifest list when any of them
 * is a Docker manifest (as the engine pushed them), else an OCI index. One machine's release and the agents' assembled
 * one are made by this same code.
 */
public final class PlatformIndex {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One platform's image in the index. */
    public record Entry(String platform, Manifest manifest) {
    }

    private PlatformIndex() {
    }

    public static Manifest of(List<Entry> entries) {
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        ArrayNode manifests = index.putArray("manifests");
        boolean docker = false;
        for (Entry e : entries) {
            docker |= MediaTypes.DOCKER_MANIFEST.equals(e.manifest().mediaType());
            ObjectNode entry = manifests.addObject().put("mediaType", e.manifest().mediaType())
                    .put("digest", e.manifest().digest()).put("size", e.manifest().body().length);
            ObjectNode p = entry.putObject("platform").put("architecture", Platforms.architecture(e.platform()))
                    .put("os", Platforms.os(e.platform()));
            if (Platforms.variant(e.platform()) != null) {
                p.put("variant", Platforms.variant(e.platform()));
            }
        }
        String mediaType = docker ? MediaTypes.DOCKER_MANIFEST_LIST : MediaTypes.OCI_INDEX;
        index.put("mediaType", mediaType);
        byte[] body = index.toString().getBytes(StandardCharsets.UTF_8);
        return new Manifest(body, mediaType, HttpRegistryClient.sha256(body));
    }
}
