package dev.platformimages.registry;

import dev.platformimages.image.ImageReference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The parts of the Registry HTTP API v2 (OCI distribution) that the plugin uses. */
public interface RegistryClient {

    /** HEAD of a manifest by tag or digest; empty when the registry does not know it. */
    Optional<ManifestHead> head(ImageReference reference);

    /** GET of a manifest, its digest verified against the bytes; empty when unknown. */
    Optional<Manifest> manifest(ImageReference reference);

    /** GET of a blob (an image config), verified against its digest. */
    byte[] blob(ImageReference repository, String digest);

    /**
     * GET of a blob (a layer) into {@code file}, verified against its digest. The Registry API streams it to the
     * file; this default, for clients of small blobs, writes what {@link #blob} read.
     */
    default void blobTo(ImageReference repository, String digest, Path file) {
        try {
            Files.write(file, blob(repository, digest));
        } catch (IOException e) {
            throw new RegistryException("cannot write blob " + digest + " of " + repository.name() + " to " + file, e);
        }
    }

    /**
     * Uploads {@code content} as a blob of {@code repository} (one monolithic upload; nothing when the repository has
     * it already) and returns its digest. For the small documents kept with an image, never for layers.
     */
    default String putBlob(ImageReference repository, byte[] content) {
        throw new RegistryException(repository.registry() + " does not take uploads from this client");
    }

    /**
     * The referrers API ({@code GET /v2/<name>/referrers/<digest>}): the index of the manifests whose subject is
     * {@code subject}, or empty when the registry has no referrers API (then the tag-schema fallback applies).
     */
    default Optional<byte[]> referrers(ImageReference subject) {
        return Optional.empty();
    }

    /** Every tag of a repository (all pages); empty when the repository does not exist. */
    List<String> tags(String registry, String repository);

    /** PUT of a manifest under {@code target}'s tag; returns the digest the registry reports. */
    String putManifest(ImageReference target, Manifest manifest);

    /**
     * Makes blob {@code digest} of repository {@code fromRepository} (same registry) part of {@code target}'s
     * repository: a cross-repository mount, which uploads nothing; when the registry does not mount, the blob's
     * bytes are streamed from one repository to the other. Does nothing when the target has the blob already.
     */
    void copyBlob(ImageReference target, String digest, String fromRepository);

    /**
     * DELETE of the manifest {@code reference} names by digest (removing every tag on it in that repository).
     * Absent manifests count as deleted; a registry that does not allow deletes throws {@link RegistryException}.
     */
    void deleteManifest(ImageReference reference);

    /**
     * Removes one tag, leaving the image and its other tags. Only registries that can (ECR) support it: the
     * Registry API deletes manifests, with every tag on them.
     */
    default void deleteTag(ImageReference tagged) {
        throw new RegistryException(tagged.registry() + " cannot delete a tag without deleting its image");
    }

    /** Whether {@link #deleteTag} works here, so drafts may share the release repository. */
    default boolean deletesTagsAlone() {
        return false;
    }

    /**
     * Makes sure the repository exists before the first push to it. Registries that create repositories on push
     * (the Registry API) need nothing; ECR creates it with the configured settings when it is missing.
     */
    default void prepareRepository(String registry, String repository) {
    }

    /** Requests sent so far, one line per registry (e.g. {@code ghcr.io: 3 (GET 1, HEAD 2)}); empty when not counted. */
    default List<String> requestCounts() {
        return List.of();
    }

    /** Registry API requests sent so far, by registry host; empty when not counted. */
    default Map<String, Integer> requestTotals() {
        return Map.of();
    }
}
