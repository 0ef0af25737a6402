package dev.platformimages.registry;

import java.util.List;

/** Manifest media types of the OCI and Docker v2 formats. */
public final class MediaTypes {
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    /** Every type we read; without the OCI ones some registries answer 404 for OCI manifests. */
    public static final List<String> ALL = List.of(OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST);
    public static final String ACCEPT = String.join(", ", ALL);

    private MediaTypes() {
    }

    public static boolean isIndex(String mediaType) {
        return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
    }
}
