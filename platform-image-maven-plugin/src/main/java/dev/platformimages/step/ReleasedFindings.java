package dev.platformimages.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformimages.ecr.ScanFindings;
import dev.platformimages.ecr.ScanReader;
import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.ManifestHead;
import dev.platformimages.registry.MediaTypes;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.FindingsChange;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseState;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * After push, on ECR: the scan findings the release fixed and introduced, the previous version's completed scan
 * against the new one's, image by image (each platform of a multi-arch release). Reads findings only; a scan that is
 * not complete leaves a note, never a wait.
 */
public final class ReleasedFindings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClient registry;
    private final ScanReader scans;
    private final ReleaseLog log;

    public ReleasedFindings(RegistryClient registry, ScanReader scans, ReleaseLog log) {
        this.registry = registry;
        this.scans = scans;
        this.log = log;
    }

    public void record(ReleaseState state) {
        if (state.publishedDigest == null || state.previousVersionTag == null) {
            return; // a first version has nothing to compare with
        }
        FindingsChange change;
        try {
            change = compare(state);
        } catch (RuntimeException e) { // the registry, or an ECR call: the notes say so, the release stands
            change = FindingsChange.notCompared(e.getMessage());
        }
        state.findingsChanged(change);
        log.info("Since " + state.previousVersionTag + ", " + change.summary());
        change.fixed().forEach(f -> log.detail("  fixed " + f));
        change.introduced().forEach(f -> log.detail("  introduced " + f));
    }

    private FindingsChange compare(ReleaseState state) {
        ImageReference repository = ImageReference.of(state.registry, state.repository, null);
        Optional<String> previous = registry.head(repository.withTag(state.previousVersionTag)).map(ManifestHead::digest);
        if (previous.isEmpty()) {
            return FindingsChange.notCompared(state.previousVersionTag + " is no longer in the registry");
        }
        Map<String, String> before = images(repository.withDigest(previous.get()));
        Map<String, String> after = images(repository.withDigest(state.publishedDigest));
        List<String> fixed = new ArrayList<>();
        List<String> introduced = new ArrayList<>();
        for (Map.Entry<String, String> image : after.entrySet()) {
            String was = before.get(image.getKey());
            String prefix = after.size() > 1 ? "[" + image.getKey() + "] " : "";
            if (was == null) {
                continue; // a platform new in this release: nothing to compare with
            }
            Optional<ScanFindings> old = scans.completed(state.repository, was);
            Optional<ScanFindings> now = scans.completed(state.repository, image.getValue());
            if (old.isEmpty() || now.isEmpty()) {
                return FindingsChange.notCompared("the scan of " + (old.isEmpty() ? state.previousVersionTag : state.versionTag)
                        + (image.getKey().isEmpty() ? "" : " (" + image.getKey() + ")") + " is not complete or not there");
            }
            FindingsChange one = now.get().changesFrom(old.get());
            one.fixed().forEach(f -> fixed.add(prefix + f));
            one.introduced().forEach(f -> introduced.add(prefix + f));
        }
        return new FindingsChange(fixed, introduced, null);
    }

    /** The image digests of {@code image}: its platforms' for an index, else itself (under ""). */
    private Map<String, String> images(ImageReference image) {
        Manifest manifest = registry.manifest(image).orElseThrow(() -> new RegistryException(image + " is not in the registry"));
        Map<String, String> images = new LinkedHashMap<>();
        if (!MediaTypes.isIndex(manifest.mediaType())) {
            images.put("", manifest.digest());
            return images;
        }
        try {
            for (JsonNode entry : JSON.readTree(manifest.body()).path("manifests")) {
                JsonNode platform = entry.path("platform");
                if (!platform.path("os").asText("unknown").equals("unknown")) {
                    images.put(platform.path("os").asText() + "/" + platform.path("architecture").asText()
                            + (platform.hasNonNull("variant") ? "/" + platform.path("variant").asText() : ""), entry.path("digest").asText());
                }
            }
        } catch (IOException e) {
            throw new RegistryException("the index " + image + " is not JSON", e);
        }
        return images;
    }
}
