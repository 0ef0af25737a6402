package dev.platformimages.step;

import dev.platformimages.context.LabelInstruction;
import dev.platformimages.engine.ImageEngine;
import dev.platformimages.image.ImageLabels;
import dev.platformimages.image.ImageReference;
import dev.platformimages.image.Platforms;
import dev.platformimages.registry.RegistryCredentials;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseStep;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        log.info("Engine: " + engine.describe());
        state.startBuild(java.util.UUID.randomUUID().toString());
        if (state.platforms.isEmpty()) {
            pinBases(engine, state, null);
            return buildImage(engine, state.imageName() + ":" + state.versionTag, definition, labels(state, revision, source, null),
                    workDir, noCache, failOnWarnings, null);
        }
        // One image per platform, each from the upstream's entry for it; push assembles them into one index.
        for (String platform : state.buildPlatforms()) {
            log.info("== " + platform);
            ImageEngine onPlatform = engine.onPlatform(platform);
            pinBases(onPlatform, state, platform);
            String id = buildImage(onPlatform, localName(state, platform), definition,
                    labels(state, revision, source, platform), workDir, noCache, failOnWarnings, platform);
            state.builtFor(platform, id);
        }
        return state.platformImageIds.values().iterator().next();
    }

    /** The local name of one platform's image, e.g. {@code 127.0.0.1:5000/platform/busybox:1.35-1.0.0-linux-arm64}. */
    public static String localName(ReleaseState state, String platform) {
        return state.imageName() + ":" + state.versionTag + "-" + Platforms.tagSuffix(platform);
    }

    /** The digest a base is pinned to for {@code platform} (null: the only platform built). */
    static String pin(String platformDigest, String platform) {
        Map<String, String> perPlatform = Platforms.decode(platformDigest);
        return platform == null || perPlatform.isEmpty() ? platformDigest : perPlatform.get(platform);
    }

    private void pinBases(ImageEngine engine, ReleaseState state, String platform) {
        for (Map.Entry<String, String> base : state.baseDigests.entrySet()) {
            ImageReference ref = ImageReference.parse(base.getKey());
            // The platform image the check saw; a FROM written with a digest must find that very digest locally.
            String pin = ref.digest() == null
                    ? pin(state.basePlatformDigests.getOrDefault(base.getKey(), base.getValue()), platform)
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
    }

    private String buildImage(ImageEngine engine, String image, ImageDefinition definition, Map<String, String> labels,
                              Path workDir, boolean noCache, boolean failOnWarnings, String platform) {
        Path tar = workDir.resolve("context.tar");
        try {
            Files.createDirectories(workDir);
            // The labels go in as one LABEL instruction where they can: one build step instead of one per label.
            Optional<String> labelInstruction = LabelInstruction.of(labels);
            try (OutputStream out = Files.newOutputStream(tar)) {
                definition.context().writeTar(out, labelInstruction.orElse(null));
            }
            log.info("Building " + image + (platform == null ? "" : " for " + platform) + " (context "
                    + Files.size(tar) / 1024 + " KiB)");
            List<String> warnings = new ArrayList<>();
            String id = engine.build(tar, definition.context().dockerfileInTar(), definition.buildArgs(),
                    labelInstruction.isPresent() ? Map.of() : labels, List.of(image), noCache, line -> {
                        log.info("  " + line);
                        // Debian's engine warns on every foreign-platform step although the platform was requested.
                        boolean platformNoise = platform != null && line.contains("does not match the detected host platform");
                        if (BuildWarnings.isWarning(line) && !platformNoise) {
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
        return labels(state, revision, source, null);
    }

    /** The labels of the image built for {@code platform} (null: the only one): its own base digest in the OCI labels. */
    static Map<String, String> labels(ReleaseState state, String revision, String source, String platform) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (state.finalBase != null) {
            labels.put(ImageLabels.BASE_NAME, state.finalBase);
            labels.put(ImageLabels.BASE_DIGEST,
                    pin(state.basePlatformDigests.getOrDefault(state.finalBase, state.baseDigests.get(state.finalBase)), platform));
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
        if (state.untested) {
            labels.put(ImageLabels.UNTESTED, "true");
        }
        if (state.buildId != null) {
            labels.put(ImageLabels.BUILD, state.buildId);
        }
        return labels;
    }
}
