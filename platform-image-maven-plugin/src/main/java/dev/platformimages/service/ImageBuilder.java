package dev.platformimages.service;

import dev.platformimages.engine.ImageEngine;
import dev.platformimages.image.ImageLabels;
import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.RegistryCredentials;
import dev.platformimages.state.ReleaseState;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The docker-build step: pins every upstream base to the digest the check saw (pull by digest, tag
 * locally), streams the context to the engine, and labels the image with its provenance.
 */
public final class ImageBuilder {

    private final ImageEngine engine;
    private final Function<String, RegistryCredentials> credentials;
    private final ReleaseLog log;

    public ImageBuilder(ImageEngine engine, Function<String, RegistryCredentials> credentials, ReleaseLog log) {
        this.engine = engine;
        this.credentials = credentials;
        this.log = log;
    }

    /**
     * @param revision the source revision (git commit), or null
     * @param source   the source URL, or null
     * @param workDir  where the context tar is written (and deleted after)
     * @param noCache  run every step (see the docker-build goal's noCache)
     * @param failOnWarnings fail when the build output has warnings (see {@link BuildWarnings})
     * @return the image id
     */
    public String build(ReleaseState state, ImageDefinition definition, String revision, String source, Path workDir,
                        boolean noCache, boolean failOnWarnings) {
        String hashNow = definition.definitionHash();
        if (!hashNow.equals(state.definitionHash)) {
            throw new ReleaseFailure("the image definition changed since check-update (" + state.definitionHash
                    + ", now " + hashNow + "): run check-update again");
        }
        engine.ping();
        for (Map.Entry<String, String> base : state.baseDigests.entrySet()) {
            ImageReference ref = ImageReference.parse(base.getKey());
            // The platform image the check saw; a FROM written with a digest must find that very digest locally.
            String pin = ref.digest() == null ? state.basePlatformDigests.getOrDefault(base.getKey(), base.getValue())
                    : base.getValue();
            String mirror = state.baseMirrors.get(base.getKey());
            if (pin.startsWith("date:")) {
                // The MCR catalog gave only a date: there is no digest to pin, so the tag is pulled as it is now.
                log.warn("Base " + ref + " is not pinned (the MCR catalog gave no digest): pulling the tag");
                engine.pullPinned(ref.name(), ref.tag(), null, credentials.apply(ref.registry()), line -> log.info("  " + line));
            } else if (mirror == null) {
                log.info("Pinning base " + ref + " to " + pin);
                engine.pullPinned(ref.name(), pin, ref.tag(), credentials.apply(ref.registry()), line -> log.info("  " + line));
            } else {
                // Fetched from the mirror, named as the Dockerfile names it, so the build finds it without pulling.
                ImageReference from = ImageReference.parse(mirror);
                log.info("Pinning base " + ref + " to " + pin + " from mirror " + from.name());
                engine.pullPinned(from.name(), pin, null, credentials.apply(from.registry()), line -> log.info("  " + line));
                if (ref.tag() != null) {
                    engine.tag(from.name() + "@" + pin, ref.name(), ref.tag());
                }
            }
        }
        String image = state.imageName() + ":" + state.versionTag;
        Path tar = workDir.resolve("context.tar");
        try {
            Files.createDirectories(workDir);
            try (OutputStream out = Files.newOutputStream(tar)) {
                definition.context().writeTar(out);
            }
            log.info("Building " + image + " (context " + Files.size(tar) / 1024 + " KiB)");
            List<String> warnings = new ArrayList<>();
            String id = engine.build(tar, definition.context().dockerfileInTar(), definition.buildArgs(),
                    labels(state, revision, source), List.of(image), noCache, line -> {
                        log.info("  " + line);
                        if (BuildWarnings.isWarning(line)) {
                            warnings.add(line.strip());
                        }
                    });
            if (!warnings.isEmpty()) {
                if (failOnWarnings) {
                    throw new ReleaseFailure(ReleaseStep.BUILD, "the build of " + image + " printed " + warnings.size()
                            + " warning(s) and platform.failOnBuildWarnings is set", "Warnings", warnings, null);
                }
                log.warn("The build printed " + warnings.size() + " warning(s) (platform.failOnBuildWarnings=true fails on them):");
                warnings.forEach(w -> log.warn("  " + w));
            }
            log.info("Built " + image + " as " + id);
            return id;
        } catch (IOException e) {
            throw new ReleaseFailure("cannot write the build context to " + tar + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tar);
            } catch (IOException ignored) {
                // a leftover tar in target/ is harmless
            }
        }
    }

    static Map<String, String> labels(ReleaseState state, String revision, String source) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (state.finalBase != null) {
            labels.put(ImageLabels.BASE_NAME, state.finalBase);
            labels.put(ImageLabels.BASE_DIGEST,
                    state.basePlatformDigests.getOrDefault(state.finalBase, state.baseDigests.get(state.finalBase)));
        }
        labels.put(ImageLabels.VERSION, state.version);
        labels.put(ImageLabels.CREATED, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        if (revision != null) {
            labels.put(ImageLabels.REVISION, revision);
        }
        if (source != null) {
            labels.put(ImageLabels.SOURCE, source);
        }
        labels.put(ImageLabels.DEFINITION_HASH, state.definitionHash);
        labels.put(ImageLabels.BASES, ImageLabels.encodeBases(state.baseDigests));
        labels.put(ImageLabels.BASES_PLATFORM, ImageLabels.encodeBases(state.basePlatformDigests));
        return labels;
    }
}
