package dev.platformimages.registry;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** Picks the entry of an image index for a platform. Pure. */
public final class PlatformSelector {

    private PlatformSelector() {
    }

    /** The digest of the entry for {@code os/architecture}, and only that: empty when the index has none. */
    public static Optional<String> selectExactly(JsonNode index, String os, String architecture) {
        return selectExactly(index, os, architecture, null);
    }

    /** As {@link #selectExactly(JsonNode, String, String)}, also matching the variant (v7, v8) when one is given. */
    public static Optional<String> selectExactly(JsonNode index, String os, String architecture, String variant) {
        for (JsonNode entry : index.path("manifests")) {
            JsonNode platform = entry.path("platform");
            if (platform.path("os").asText("").equals(os) && platform.path("architecture").asText("").equals(architecture)
                    && (variant == null || platform.path("variant").asText("").equals(variant))) {
                return Optional.of(entry.path("digest").asText());
            }
        }
        return Optional.empty();
    }

    /** The platforms an index lists, as os/architecture, attestation entries (unknown/unknown) left out. */
    public static java.util.List<String> platforms(JsonNode index) {
        java.util.List<String> platforms = new java.util.ArrayList<>();
        for (JsonNode entry : index.path("manifests")) {
            String os = entry.path("platform").path("os").asText("");
            if (!os.isEmpty() && !os.equals("unknown")) {
                platforms.add(os + "/" + entry.path("platform").path("architecture").asText(""));
            }
        }
        return platforms;
    }

    /**
     * The digest of the entry for {@code os/architecture}; failing that, of the first entry that is an
     * image for a real platform (attestation manifests say {@code unknown/unknown}).
     */
    public static Optional<String> select(JsonNode index, String os, String architecture) {
        String fallback = null;
        for (JsonNode entry : index.path("manifests")) {
            JsonNode platform = entry.path("platform");
            String entryOs = platform.path("os").asText("");
            String entryArch = platform.path("architecture").asText("");
            if (entryOs.equals(os) && entryArch.equals(architecture)) {
                return Optional.of(entry.path("digest").asText());
            }
            if (fallback == null && !entryOs.isEmpty() && !entryOs.equals("unknown")) {
                fallback = entry.path("digest").asText();
            }
        }
        return Optional.ofNullable(fallback);
    }
}
