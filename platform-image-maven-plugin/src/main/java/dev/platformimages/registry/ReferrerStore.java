package dev.platformimages.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformimages.image.ImageReference;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps documents with an image as OCI 1.1 artifacts that refer to it ({@code subject}), in the image's repository,
 * and finds them again: through the referrers API where the registry has one (ECR), else through the tag-schema
 * fallback of the distribution spec ({@code sha256-<hex>}, an index this store keeps up to date), as the distribution
 * registry 2.8 needs.
 */
public final class ReferrerStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClient registry;

    public ReferrerStore(RegistryClient registry) {
        this.registry = registry;
    }

    /** One artifact that refers to an image: its manifest's descriptor as a referrers list gives it. */
    public record Artifact(String digest, String artifactType, Map<String, String> annotations) {
    }

    /**
     * Pushes {@code content} as an artifact of {@code artifactType} about {@code subject} (the image's manifest, in
     * {@code repository}), and lists it where the registry's readers look. Returns the artifact manifest's digest.
     */
    public String attach(ImageReference repository, Manifest subject, String artifactType, String contentMediaType,
                         byte[] content, Map<String, String> annotations) {
        registry.putBlob(repository, Referrers.EMPTY_CONTENT);
        String contentDigest = registry.putBlob(repository, content);
        byte[] manifest = Referrers.artifactManifest(artifactType,
                new Referrers.Descriptor(contentMediaType, contentDigest, content.length),
                new Referrers.Descriptor(subject.mediaType(), subject.digest(), subject.body().length), annotations);
        String digest = HttpRegistryClient.sha256(manifest);
        String stored = registry.putManifest(repository.withDigest(digest), new Manifest(manifest, MediaTypes.OCI_MANIFEST, digest));
        if (!stored.equals(digest)) {
            throw new RegistryException("registry " + repository.registry() + " stored the artifact about " + subject.digest()
                    + " as " + stored + ", expected " + digest);
        }
        ImageReference subjectRef = repository.withDigest(subject.digest());
        if (registry.referrers(subjectRef).isEmpty()) {
            ImageReference listTag = repository.withTag(Referrers.fallbackTag(subject.digest()));
            byte[] existing = registry.manifest(listTag).map(Manifest::body).orElse(null);
            byte[] list = Referrers.withReferrer(existing, new Referrers.Descriptor(MediaTypes.OCI_MANIFEST, digest,
                    manifest.length, artifactType, annotations));
            registry.putManifest(listTag, new Manifest(list, MediaTypes.OCI_INDEX, HttpRegistryClient.sha256(list)));
        }
        return digest;
    }

    /** The artifacts of {@code artifactType} about {@code subject} (a reference by digest), newest last. */
    public List<Artifact> find(ImageReference subject, String artifactType) {
        Optional<byte[]> list = registry.referrers(subject);
        if (list.isEmpty()) {
            list = registry.manifest(subject.withTag(Referrers.fallbackTag(subject.digest()))).map(Manifest::body);
        }
        List<Artifact> found = new ArrayList<>();
        if (list.isEmpty()) {
            return found;
        }
        try {
            for (JsonNode entry : JSON.readTree(list.get()).path("manifests")) {
                if (artifactType.equals(entry.path("artifactType").asText())) {
                    Map<String, String> annotations = new java.util.TreeMap<>();
                    entry.path("annotations").fields().forEachRemaining(a -> annotations.put(a.getKey(), a.getValue().asText()));
                    found.add(new Artifact(entry.path("digest").asText(), artifactType, annotations));
                }
            }
        } catch (IOException e) {
            throw new RegistryException("the referrers list of " + subject + " is not JSON", e);
        }
        return found;
    }

    /**
     * Deletes what is kept with {@code subject} (a reference by digest): every artifact that refers to it and its
     * referrers list, for an image being deleted. Returns how many artifacts went.
     */
    public int deleteAll(ImageReference subject) {
        Optional<byte[]> api = registry.referrers(subject);
        ImageReference listTag = subject.withTag(Referrers.fallbackTag(subject.digest()));
        Optional<Manifest> list = api.isPresent() ? Optional.empty() : registry.manifest(listTag);
        byte[] index = api.orElseGet(() -> list.map(Manifest::body).orElse(null));
        if (index == null) {
            return 0;
        }
        int deleted = 0;
        try {
            for (JsonNode entry : JSON.readTree(index).path("manifests")) {
                registry.deleteManifest(subject.withDigest(entry.path("digest").asText()));
                deleted++;
            }
        } catch (IOException e) {
            // not an index: only the list tag goes
        }
        if (list.isPresent()) {
            registry.deleteManifest(subject.withDigest(list.get().digest()));
        }
        return deleted;
    }

    /** The one document an artifact of {@code repository} carries. */
    public byte[] content(ImageReference repository, Artifact artifact) {
        ImageReference ref = repository.withDigest(artifact.digest());
        Manifest manifest = registry.manifest(ref).orElseThrow(() -> new RegistryException(
                "the artifact " + ref + " is listed as a referrer but is not in the registry"));
        List<String> blobs = manifest.blobs();
        if (blobs.size() != 2) {
            throw new RegistryException("the artifact " + ref + " carries " + (blobs.size() - 1) + " documents, expected one");
        }
        return registry.blob(repository, blobs.get(1));
    }
}
