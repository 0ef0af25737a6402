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

    /** One document to keep with an image: its artifact type, its own media type, its bytes and annotations. */
    public record Attachment(String artifactType, String mediaType, byte[] content, Map<String, String> annotations) {
    }

    /**
     * Pushes {@code content} as an artifact of {@code artifactType} about {@code subject} (the image's manifest, in
     * {@code repository}), and lists it where the registry's readers look. Returns the artifact manifest's digest.
     */
    public String attach(ImageReference repository, Manifest subject, String artifactType, String contentMediaType,
                         byte[] content, Map<String, String> annotations) {
        return attachAll(repository, subject, List.of(new Attachment(artifactType, contentMediaType, content, annotations))).get(0);
    }

    /**
     * Pushes each attachment as an artifact about {@code subject} and lists them all where the registry's readers look
     * (the tag-schema list, where there is no referrers API, is written once for all). Returns their manifests'
     * digests, in order.
     */
    public List<String> attachAll(ImageReference repository, Manifest subject, List<Attachment> attachments) {
        registry.putBlob(repository, Referrers.EMPTY_CONTENT);
        List<String> digests = new ArrayList<>();
        List<Referrers.Descriptor> listed = new ArrayList<>();
        for (Attachment a : attachments) {
            String contentDigest = registry.putBlob(repository, a.content());
            byte[] manifest = Referrers.artifactManifest(a.artifactType(),
                    new Referrers.Descriptor(a.mediaType(), contentDigest, a.content().length),
                    new Referrers.Descriptor(subject.mediaType(), subject.digest(), subject.body().length), a.annotations());
            String digest = HttpRegistryClient.sha256(manifest);
            String stored = registry.putManifest(repository.withDigest(digest), new Manifest(manifest, MediaTypes.OCI_MANIFEST, digest));
            if (!stored.equals(digest)) {
                throw new RegistryException("registry " + repository.registry() + " stored the artifact about " + subject.digest()
                        + " as " + stored + ", expected " + digest);
            }
            digests.add(digest);
            listed.add(new Referrers.Descriptor(MediaTypes.OCI_MANIFEST, digest, manifest.length, a.artifactType(), a.annotations()));
        }
        ImageReference subjectRef = repository.withDigest(subject.digest());
        if (registry.referrers(subjectRef).isEmpty()) {
            ImageReference listTag = repository.withTag(Referrers.fallbackTag(subject.digest()));
            byte[] list = registry.manifest(listTag).map(Manifest::body).orElse(null);
            for (Referrers.Descriptor d : listed) {
                list = Referrers.withReferrer(list, d);
            }
            registry.putManifest(listTag, new Manifest(list, MediaTypes.OCI_INDEX, HttpRegistryClient.sha256(list)));
        }
        return digests;
    }

    /** One layer of cosign's legacy signature or attestation image: media type, bytes, annotations. */
    public record Layer(String mediaType, byte[] content, Map<String, String> annotations) {
    }

    /**
     * Writes cosign's legacy image for {@code subjectDigest} under {@code sha256-<hex>.<suffix>} ({@code sig} for
     * signatures, {@code att} for attestations): an OCI image whose layers are {@code layers}, replacing what the tag
     * held. Returns its digest.
     */
    public String putCosignImage(ImageReference repository, String subjectDigest, String suffix, List<Layer> layers) {
        List<Referrers.Descriptor> descriptors = new ArrayList<>();
        for (Layer layer : layers) {
            descriptors.add(new Referrers.Descriptor(layer.mediaType(), registry.putBlob(repository, layer.content()),
                    layer.content().length, null, layer.annotations()));
        }
        byte[] config = Referrers.cosignConfig(descriptors);
        registry.putBlob(repository, config);
        byte[] manifest = Referrers.cosignManifest(config, descriptors);
        String digest = HttpRegistryClient.sha256(manifest);
        registry.putManifest(repository.withTag(Referrers.cosignTag(subjectDigest, suffix)),
                new Manifest(manifest, MediaTypes.OCI_MANIFEST, digest));
        return digest;
    }

    /** cosign's legacy image of {@code subjectDigest} with {@code suffix}, or empty. */
    public Optional<Manifest> cosignImage(ImageReference repository, String subjectDigest, String suffix) {
        return registry.manifest(repository.withTag(Referrers.cosignTag(subjectDigest, suffix)));
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

    /** Deletes cosign's legacy signature and attestation images of {@code subject}; returns how many there were. */
    public int deleteCosignImages(ImageReference subject) {
        int deleted = 0;
        for (String suffix : List.of("sig", "att")) {
            Optional<ManifestHead> head = registry.head(subject.withTag(Referrers.cosignTag(subject.digest(), suffix)));
            if (head.isPresent()) {
                registry.deleteManifest(subject.withDigest(head.get().digest()));
                deleted++;
            }
        }
        return deleted;
    }

    /** The one document an artifact of {@code repository} carries. */
    public byte[] content(ImageReference repository, Artifact artifact) {
        ImageReference ref = repository.withDigest(artifact.digest());
        Manifest manifest = registry.manifest(ref).orElseThrow(() -> new RegistryException(
                "the artifact " + ref + " is listed as a referrer but is not in the registry"));
        return document(ref, manifest);
    }

    /**
     * Puts {@code content} as an artifact of {@code artifactType} under the tag of {@code tagged}: a record found by its
     * tag, not listed among any image's referrers. {@code subject}: the image it is about, or null.
     */
    public void putTagged(ImageReference tagged, String artifactType, String contentMediaType, byte[] content, Manifest subject) {
        ImageReference repository = ImageReference.of(tagged.registry(), tagged.repository(), null);
        registry.putBlob(repository, Referrers.EMPTY_CONTENT);
        String contentDigest = registry.putBlob(repository, content);
        byte[] manifest = Referrers.artifactManifest(artifactType,
                new Referrers.Descriptor(contentMediaType, contentDigest, content.length),
                subject == null ? null : new Referrers.Descriptor(subject.mediaType(), subject.digest(), subject.body().length),
                Map.of());
        registry.putManifest(tagged, new Manifest(manifest, MediaTypes.OCI_MANIFEST, HttpRegistryClient.sha256(manifest)));
    }

    /** The one document of the artifact under the tag of {@code tagged}; empty when the tag is not there. */
    public Optional<byte[]> taggedContent(ImageReference tagged) {
        return registry.manifest(tagged).map(manifest -> document(tagged, manifest));
    }

    private byte[] document(ImageReference ref, Manifest manifest) {
        List<String> blobs = manifest.blobs();
        if (blobs.size() != 2) {
            throw new RegistryException("the artifact " + ref + " carries " + (blobs.size() - 1) + " documents, expected one");
        }
        return registry.blob(ImageReference.of(ref.registry(), ref.repository(), null), blobs.get(1));
    }
}
