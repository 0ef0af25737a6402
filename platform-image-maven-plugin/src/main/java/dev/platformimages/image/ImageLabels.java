package dev.platformimages.image;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** The labels a platform image carries, and how its base digests are written into one of them. */
public final class ImageLabels {

    public static final String BASE_NAME = "org.opencontainers.image.base.name";
    public static final String BASE_DIGEST = "org.opencontainers.image.base.digest";
    public static final String VERSION = "org.opencontainers.image.version";
    public static final String CREATED = "org.opencontainers.image.created";
    public static final String REVISION = "org.opencontainers.image.revision";
    public static final String SOURCE = "org.opencontainers.image.source";
    /** sha256 over the Dockerfile, the build args and the files of the build context. */
    public static final String DEFINITION_HASH = "dev.platformimages.definition.hash";
    /** Every upstream base as {@code reference@digest}, comma separated (the OCI base labels hold one). */
    public static final String BASES = "dev.platformimages.bases";
    /**
     * Every upstream base as {@code reference@digest} of the platform image actually used: for a multi-arch tag,
     * the digest of its entry for the platform built (the tag's own digest is in {@link #BASES}).
     */
    public static final String BASES_PLATFORM = "dev.platformimages.bases.platform";
    /**
     * A random id of the docker-build run that made the image: what ties the draft in the registry and the image the
     * gates run to the build, on any engine image store (an image id is a config digest in Docker's classic store
     * and a manifest digest in the containerd store, and a push may write other bytes than the engine holds).
     */
    public static final String BUILD = "dev.platformimages.build";
    /** {@code true} on an image released with no gate, because platform.allowUntested=true said so. */
    public static final String UNTESTED = "dev.platformimages.untested";
    /** Marks everything this plugin creates locally, so that tests and clean-ups can find it. */
    public static final String MANAGED = "dev.platformimages.managed";

    private ImageLabels() {
    }

    public static String encodeBases(Map<String, String> digestsByReference) {
        StringJoiner joined = new StringJoiner(",");
        digestsByReference.forEach((reference, digest) -> joined.add(reference + "@" + digest));
        return joined.toString();
    }

    /** Inverse of {@link #encodeBases}; a malformed entry is skipped (it then counts as a new base). */
    public static Map<String, String> decodeBases(String label) {
        Map<String, String> bases = new LinkedHashMap<>();
        if (label == null || label.isBlank()) {
            return bases;
        }
        for (String entry : label.split(",")) {
            int at = entry.lastIndexOf('@');
            if (at > 0 && at < entry.length() - 1) {
                bases.put(entry.substring(0, at).trim(), entry.substring(at + 1).trim());
            }
        }
        return bases;
    }
}
