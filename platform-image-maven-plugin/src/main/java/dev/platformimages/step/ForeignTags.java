package dev.platformimages.step;

import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.ManifestHead;
import dev.platformimages.registry.RegistryClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The tags of one repository that this plugin does not manage, by the digest they point at: read before anything
 * is deleted by digest there, since the Registry API (and ECR's BatchDeleteImage) deletes a manifest with every tag
 * on it. Only the foreign tags are looked up (one HEAD each), so a repository of managed tags costs one tag list.
 */
public final class ForeignTags {

    private final Map<String, List<String>> byDigest;

    private ForeignTags(Map<String, List<String>> byDigest) {
        this.byDigest = byDigest;
    }

    public static ForeignTags read(RegistryClient registry, String registryHost, String repository, Predicate<String> managed) {
        Map<String, List<String>> byDigest = new LinkedHashMap<>();
        for (String tag : registry.tags(registryHost, repository)) {
            if (managed.test(tag)) {
                continue;
            }
            registry.head(ImageReference.of(registryHost, repository, tag)).map(ManifestHead::digest)
                    .ifPresent(digest -> byDigest.computeIfAbsent(digest, d -> new ArrayList<>()).add(tag));
        }
        return new ForeignTags(byDigest);
    }

    /** The foreign tags on {@code digest}; empty when none. */
    public List<String> on(String digest) {
        return byDigest.getOrDefault(digest, List.of());
    }
}
