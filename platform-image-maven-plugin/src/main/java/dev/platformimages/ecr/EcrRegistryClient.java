package dev.platformimages.ecr;

import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.HttpRegistryClient;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.ManifestHead;
import dev.platformimages.registry.MediaTypes;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.registry.TagImmutableException;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageStatusFilter;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ListImagesRequest;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.TagStatus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A registry client for ECR: tags, manifests, tag moves and deletes through the ECR API (ListImages, BatchGetImage,
 * PutImage, BatchDeleteImage), so promotion and floating tags are manifest copies that upload nothing; HEAD and
 * blobs (image configs, for labels) through the Registry API at the registry's address. References to other
 * registries (upstream bases) go to the Registry API client unchanged.
 */
public final class EcrRegistryClient implements RegistryClient {

    private final EcrSession session;
    private final EcrRepositories repositories;
    private final HttpRegistryClient registryApi;
    private final String address;

    /**
     * @param registryApi the Registry API client, whose credentials for {@code session}'s address are the
     *                    session's authorization token
     */
    public EcrRegistryClient(EcrSession session, EcrRepositories repositories, HttpRegistryClient registryApi) {
        this.session = session;
        this.repositories = repositories;
        this.registryApi = registryApi;
        this.address = session.registryAddress();
    }

    private boolean isEcr(String registry) {
        return address.equals(registry);
    }

    @Override
    public Optional<ManifestHead> head(ImageReference reference) {
        return registryApi.head(reference);
    }

    @Override
    public Optional<Manifest> manifest(ImageReference reference) {
        if (!isEcr(reference.registry())) {
            return registryApi.manifest(reference);
        }
        BatchGetImageResponse response;
        try {
            response = session.callExpecting("BatchGetImage", () -> session.client().batchGetImage(r -> r
                    .registryId(session.registryId())
                    .repositoryName(reference.repository())
                    .imageIds(id(reference))
                    // Without the index types ECR converts or refuses a multi-arch image; all four keep it as pushed.
                    .acceptedMediaTypes(MediaTypes.ALL)), RepositoryNotFoundException.class);
        } catch (RepositoryNotFoundException e) {
            return Optional.empty();
        }
        for (ImageFailure failure : response.failures()) {
            if (failure.failureCode() != ImageFailureCode.IMAGE_NOT_FOUND && failure.failureCode() != ImageFailureCode.IMAGE_TAG_DOES_NOT_MATCH_DIGEST) {
                throw new RegistryException("ECR BatchGetImage of " + reference + " failed: " + failure.failureCodeAsString()
                        + ": " + failure.failureReason());
            }
        }
        if (response.images().isEmpty()) {
            return Optional.empty();
        }
        Image image = response.images().get(0);
        byte[] body = image.imageManifest().getBytes(StandardCharsets.UTF_8);
        String digest = HttpRegistryClient.sha256(body);
        String claimed = image.imageId().imageDigest();
        if (claimed != null && !claimed.equals(digest) || reference.digest() != null && !reference.digest().equals(digest)) {
            throw new RegistryException("ECR BatchGetImage of " + reference + " returned a manifest whose bytes hash to "
                    + digest + ", not " + (claimed != null ? claimed : reference.digest()) + ": rejected");
        }
        String mediaType = image.imageManifestMediaType() != null ? image.imageManifestMediaType()
                : MediaTypeOf.json(body);
        return Optional.of(new Manifest(body, mediaType, digest));
    }

    @Override
    public byte[] blob(ImageReference repository, String digest) {
        return registryApi.blob(repository, digest);
    }

    @Override
    public void blobTo(ImageReference repository, String digest, java.nio.file.Path file) {
        registryApi.blobTo(repository, digest, file);
    }

    @Override
    public List<String> tags(String registry, String repository) {
        if (!isEcr(registry)) {
            return registryApi.tags(registry, repository);
        }
        // imageStatus ANY: without it ECR lists ACTIVE images only, and a version tag on an archived image would look
        // free, then be refused as taken (and reported as a race with another build).
        ListImagesRequest request = ListImagesRequest.builder().registryId(session.registryId())
                .repositoryName(repository).filter(f -> f.tagStatus(TagStatus.TAGGED).imageStatus(ImageStatusFilter.ANY)).build();
        TreeSet<String> tags = new TreeSet<>();
        try {
            // Page by page: each page is a call of its own, counted and retried on its own.
            String next = null;
            do {
                ListImagesRequest page = request.toBuilder().nextToken(next).build();
                var response = session.callExpecting("ListImages", () -> session.client().listImages(page),
                        RepositoryNotFoundException.class);
                response.imageIds().stream().map(ImageIdentifier::imageTag).filter(t -> t != null).forEach(tags::add);
                next = response.nextToken();
            } while (next != null);
        } catch (RepositoryNotFoundException e) {
            return List.of();
        }
        return new ArrayList<>(tags);
    }

    @Override
    public String putManifest(ImageReference target, Manifest manifest) {
        if (!isEcr(target.registry())) {
            return registryApi.putManifest(target, manifest);
        }
        // A reference with a digest (the platform images of an index) is put by digest alone: its tag, if any, is
        // the index's, and must not land on a child.
        String tag = target.digest() != null ? null : target.tag();
        try {
            return session.callExpecting("PutImage", () -> session.client().putImage(r -> r
                            .registryId(session.registryId())
                            .repositoryName(target.repository())
                            .imageManifest(new String(manifest.body(), StandardCharsets.UTF_8))
                            .imageManifestMediaType(manifest.mediaType())
                            .imageTag(tag)
                            .imageDigest(tag == null ? manifest.digest() : null)),
                    software.amazon.awssdk.services.ecr.model.EcrException.class).image().imageId().imageDigest();
        } catch (ImageAlreadyExistsException e) {
            return manifest.digest(); // the tag is on this manifest already: nothing to do
        } catch (ImageTagAlreadyExistsException e) {
            throw new TagImmutableException(target, "ECR refused to move " + target + ": the repository's tags are "
                    + "immutable and " + target.tag() + " exists (request id " + e.requestId() + ")");
        } catch (software.amazon.awssdk.services.ecr.model.EcrException e) {
            throw EcrCallException.of("PutImage", e);
        }
    }

    @Override
    public void copyBlob(ImageReference target, String digest, String fromRepository) {
        if (isEcr(target.registry()) && target.repository().equals(fromRepository)) {
            return; // one repository: PutImage finds the layers where they are
        }
        registryApi.copyBlob(target, digest, fromRepository);
    }

    @Override
    public String putBlob(ImageReference repository, byte[] content) {
        return registryApi.putBlob(repository, content);
    }

    @Override
    public Optional<byte[]> referrers(ImageReference subject) {
        return registryApi.referrers(subject);
    }

    @Override
    public void deleteManifest(ImageReference reference) {
        if (!isEcr(reference.registry())) {
            registryApi.deleteManifest(reference);
            return;
        }
        batchDelete(reference, ImageIdentifier.builder().imageDigest(reference.digest()).build());
    }

    @Override
    public void deleteTag(ImageReference tagged) {
        if (!isEcr(tagged.registry())) {
            registryApi.deleteTag(tagged);
            return;
        }
        // ECR removes just the tag while the image has others; an image losing its last tag is deleted.
        batchDelete(tagged, ImageIdentifier.builder().imageTag(tagged.tag()).build());
    }

    @Override
    public boolean deletesTagsAlone() {
        return true;
    }

    private void batchDelete(ImageReference reference, ImageIdentifier id) {
        BatchDeleteImageResponse response;
        try {
            response = session.callExpecting("BatchDeleteImage", () -> session.client().batchDeleteImage(r -> r
                    .registryId(session.registryId()).repositoryName(reference.repository()).imageIds(id)),
                    RepositoryNotFoundException.class);
        } catch (RepositoryNotFoundException e) {
            return;
        }
        for (ImageFailure failure : response.failures()) {
            if (failure.failureCode() != ImageFailureCode.IMAGE_NOT_FOUND) {
                throw new RegistryException("ECR BatchDeleteImage of " + reference + " failed: "
                        + failure.failureCodeAsString() + ": " + failure.failureReason());
            }
        }
    }

    @Override
    public void prepareRepository(String registry, String repository) {
        if (isEcr(registry)) {
            repositories.ensure(repository);
        }
    }

    @Override
    public List<String> requestCounts() {
        List<String> counts = new ArrayList<>(registryApi.requestCounts());
        counts.add(session.callCounts());
        return counts;
    }

    @Override
    public Map<String, Integer> requestTotals() {
        return registryApi.requestTotals();
    }

    private static ImageIdentifier id(ImageReference reference) {
        return reference.digest() != null ? ImageIdentifier.builder().imageDigest(reference.digest()).build()
                : ImageIdentifier.builder().imageTag(reference.tag()).build();
    }

    /** The mediaType field of a manifest, for an ECR answer that leaves the media type out. */
    private static final class MediaTypeOf {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

        static String json(byte[] body) {
            try {
                return JSON.readTree(body).path("mediaType").asText(MediaTypes.DOCKER_MANIFEST);
            } catch (java.io.IOException e) {
                throw new RegistryException("ECR returned a manifest that is not JSON", e);
            }
        }
    }
}
