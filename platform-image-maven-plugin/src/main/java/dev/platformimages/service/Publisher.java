package dev.platformimages.service;

import dev.platformimages.engine.ImageEngine;
import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.PublishedImages;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryCredentials;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.state.ReleaseState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The push step: the tested image goes to the registry under its version tag (never over an existing one),
 * the registry is checked to hold exactly that image, then each floating tag is moved by copying the
 * manifest within the registry: no layer is uploaded twice.
 */
public final class Publisher {

    private final ImageEngine engine;
    private final RegistryClient registry;
    private final RegistryCredentials credentials;
    private final ReleaseLog log;

    public Publisher(ImageEngine engine, RegistryClient registry, RegistryCredentials credentials, ReleaseLog log) {
        this.engine = engine;
        this.registry = registry;
        this.credentials = credentials;
        this.log = log;
    }

    public void publish(ReleaseState state, List<String> floatingTags) {
        if (!state.tested) {
            throw new ReleaseFailure(state.imageName() + ":" + state.versionTag + " has not passed integration-test: "
                    + "nothing is published untested (mvn deploy runs every goal in order)");
        }
        ImageReference versionRef = ImageReference.of(state.registry, state.repository, state.versionTag);
        String local = state.imageName() + ":" + state.versionTag;
        String localId = engine.imageId(local).orElseThrow(() -> new ReleaseFailure(
                "the engine has no image " + local + ": run docker-build and integration-test first"));
        if (!localId.equals(state.imageId)) {
            throw new ReleaseFailure(local + " is " + localId + ", not the tested image " + state.imageId);
        }
        Optional<String> taken = registry.head(versionRef).map(h -> h.digest());
        if (taken.isPresent()) {
            throw new ReleaseFailure(versionRef + " already exists (" + taken.get() + "): version tags are never "
                    + "overwritten. It was published after check-update ran; run the build again for the next version");
        }

        log.info("Pushing " + versionRef);
        engine.push(state.imageName(), state.versionTag, credentials, line -> log.info("  " + line));
        Manifest manifest = registry.manifest(versionRef).orElseThrow(() -> new ReleaseFailure(
                "the engine reported a successful push but " + versionRef + " is not in the registry"));
        String pushedConfig = new PublishedImages(registry).configDigest(versionRef);
        if (!pushedConfig.equals(state.imageId)) {
            throw new ReleaseFailure("the registry holds image " + pushedConfig + " under " + versionRef
                    + ", not the tested " + state.imageId + ": floating tags were not moved");
        }

        // Recorded at once, so that a failure further on can say exactly what was published.
        state.publishedDigest = manifest.digest();
        state.movedTags = new ArrayList<>();
        List<String> moved = state.movedTags;
        for (String floating : floatingTags) {
            ImageReference target = versionRef.withTag(floating);
            try {
                String digest = registry.putManifest(target, manifest);
                if (!digest.equals(manifest.digest())) {
                    throw new ReleaseFailure("registry stored " + target + " as " + digest + ", expected " + manifest.digest());
                }
            } catch (RegistryException e) {
                throw new ReleaseFailure("published " + versionRef + " but could not move " + target + " (moved so far: "
                        + (moved.isEmpty() ? "none" : String.join(", ", moved)) + "): " + e.getMessage(), e);
            }
            moved.add(floating);
        }
        log.info("Published " + state.registry + "/" + state.repository);
        log.info("  version tag:   " + state.versionTag);
        log.info("  digest:        " + manifest.digest());
        log.info("  floating tags: " + String.join(", ", moved));
    }
}
