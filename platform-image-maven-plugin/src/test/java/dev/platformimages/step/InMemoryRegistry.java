package dev.platformimages.step;

import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.ManifestHead;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A registry in memory: repositories of manifests by digest, tags, and blobs; records what was asked of it. */
public final class InMemoryRegistry implements RegistryClient {

    final Map<String, Map<String, Manifest>> manifests = new HashMap<>();
    final Map<String, Map<String, String>> tags = new HashMap<>();
    final Map<String, Set<String>> blobs = new HashMap<>();
    /** The contents of the blobs a test reads (image configs), by digest. */
    public final Map<String, byte[]> blobContents = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    boolean refuseDeletes;
    /** Called after each PUT of a manifest, to play a concurrent build. */
    Runnable afterPut = () -> { };
    /** Tags whose PUT fails, to play a registry that goes away. */
    final Set<String> failingTags = new HashSet<>();

    /** Whether it answers the referrers API (as ECR does), instead of leaving clients to the tag schema. */
    public boolean referrersApi;

    @Override
    public Optional<byte[]> referrers(ImageReference subject) {
        if (!referrersApi) {
            return Optional.empty();
        }
        calls.add("REFERRERS " + subject.repository() + "@" + subject.digest());
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode index = json.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.index.v1+json");
        com.fasterxml.jackson.databind.node.ArrayNode list = index.putArray("manifests");
        for (Manifest m : manifests.getOrDefault(subject.repository(), Map.of()).values()) {
            try {
                com.fasterxml.jackson.databind.JsonNode node = json.readTree(m.body());
                if (subject.digest().equals(node.path("subject").path("digest").asText())) {
                    com.fasterxml.jackson.databind.node.ObjectNode entry = list.addObject().put("mediaType", m.mediaType())
                            .put("digest", m.digest()).put("size", m.body().length)
                            .put("artifactType", node.path("artifactType").asText(node.path("config").path("mediaType").asText()));
                    if (node.has("annotations")) {
                        entry.set("annotations", node.path("annotations"));
                    }
                }
            } catch (java.io.IOException e) {
                // not JSON: not a referrer
            }
        }
        try {
            return Optional.of(json.writeValueAsBytes(index));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void put(String repository, String tag, Manifest manifest, String... blobDigests) {
        manifests.computeIfAbsent(repository, r -> new HashMap<>()).put(manifest.digest(), manifest);
        if (tag != null) {
            tags.computeIfAbsent(repository, r -> new HashMap<>()).put(tag, manifest.digest());
        }
        blobs.computeIfAbsent(repository, r -> new HashSet<>()).addAll(List.of(blobDigests));
    }

    public Optional<String> digest(String repository, String tag) {
        return Optional.ofNullable(tags.getOrDefault(repository, Map.of()).get(tag));
    }

    private Optional<Manifest> find(ImageReference ref) {
        Map<String, Manifest> repo = manifests.getOrDefault(ref.repository(), Map.of());
        String digest = ref.manifestReference().startsWith("sha256:") ? ref.manifestReference()
                : tags.getOrDefault(ref.repository(), Map.of()).get(ref.manifestReference());
        return Optional.ofNullable(digest == null ? null : repo.get(digest));
    }

    @Override
    public Optional<ManifestHead> head(ImageReference reference) {
        calls.add("HEAD " + reference.repository() + ":" + reference.manifestReference());
        return find(reference).map(m -> new ManifestHead(m.digest(), m.mediaType()));
    }

    @Override
    public Optional<Manifest> manifest(ImageReference reference) {
        calls.add("GET " + reference.repository() + ":" + reference.manifestReference());
        return find(reference);
    }

    @Override
    public byte[] blob(ImageReference repository, String digest) {
        byte[] content = blobContents.get(digest);
        if (content == null || !blobs.getOrDefault(repository.repository(), Set.of()).contains(digest)) {
            throw new RegistryException("BLOB_UNKNOWN " + digest + " in " + repository.repository());
        }
        return content;
    }

    @Override
    public List<String> tags(String registry, String repository) {
        return new ArrayList<>(tags.getOrDefault(repository, Map.of()).keySet());
    }

    @Override
    public String putManifest(ImageReference target, Manifest manifest) {
        calls.add("PUT " + target.repository() + ":" + target.manifestReference());
        if (failingTags.contains(target.manifestReference())) {
            throw new RegistryException("connection reset");
        }
        for (String blob : manifest.blobs()) {
            if (!blobs.getOrDefault(target.repository(), Set.of()).contains(blob)) {
                throw new RegistryException("MANIFEST_BLOB_UNKNOWN " + blob + " in " + target.repository());
            }
        }
        put(target.repository(), target.manifestReference().startsWith("sha256:") ? null : target.manifestReference(), manifest);
        afterPut.run();
        return manifest.digest();
    }

    @Override
    public String putBlob(ImageReference repository, byte[] content) {
        String digest = dev.platformimages.registry.HttpRegistryClient.sha256(content);
        calls.add("UPLOAD " + digest + " -> " + repository.repository());
        blobContents.put(digest, content.clone());
        blobs.computeIfAbsent(repository.repository(), r -> new HashSet<>()).add(digest);
        return digest;
    }

    @Override
    public void copyBlob(ImageReference target, String digest, String fromRepository) {
        calls.add("MOUNT " + digest + " " + fromRepository + " -> " + target.repository());
        if (!blobs.getOrDefault(fromRepository, Set.of()).contains(digest)) {
            throw new RegistryException("BLOB_UNKNOWN " + digest);
        }
        blobs.computeIfAbsent(target.repository(), r -> new HashSet<>()).add(digest);
    }

    @Override
    public void deleteManifest(ImageReference reference) {
        calls.add("DELETE " + reference.repository() + "@" + reference.manifestReference());
        if (refuseDeletes) {
            throw new RegistryException("registry does not allow deleting " + reference + " (405)");
        }
        String digest = reference.manifestReference();
        manifests.getOrDefault(reference.repository(), new HashMap<>()).remove(digest);
        tags.getOrDefault(reference.repository(), new HashMap<>()).values().removeIf(digest::equals);
    }
}
