package dev.platformimages.registry;

import dev.platformimages.image.ImageReference;

import java.util.List;
import java.util.Optional;

/** The parts of the Registry HTTP API v2 (OCI distribution) that the plugin uses. */
public interface RegistryClient {

    /** HEAD of a manifest by tag or digest; empty when the registry does not know it. */
    Optional<ManifestHead> head(ImageReference reference);

    /** GET of a manifest, its digest verified against the bytes; empty when unknown. */
    Optional<Manifest> manifest(ImageReference reference);

    /** GET of a blob (an image config), verified against its digest. */
    byte[] blob(ImageReference repository, String digest);

    /** Every tag of a repository (all pages); empty when the repository does not exist. */
    List<String> tags(String registry, String repository);

    /** PUT of a manifest under {@code target}'s tag; returns the digest the registry reports. */
    String putManifest(ImageReference target, Manifest manifest);
}
