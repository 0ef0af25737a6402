package dev.platformimages.plugin;

import dev.platformimages.ecr.EcrRegistryHost;
import dev.platformimages.image.ImageReference;
import dev.platformimages.image.RegistryMirrors;
import dev.platformimages.registry.McrCatalog;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseTarget;
import dev.platformimages.step.RegistryReadAhead;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One {@link RegistryReadAhead} per Maven build of two or more platform images, started by the first check-update
 * of the build with what the POMs say (see {@link ReactorImage}). Images on ECR registries are left to their own
 * checks (their tags are read through the ECR API), as are skipped images and those whose configuration the POMs
 * do not show plainly.
 */
final class ReactorReadAhead {

    private ReactorReadAhead() {
    }

    /** The key an image is read ahead under. */
    static String key(MavenProject project) {
        return project.getGroupId() + ":" + project.getArtifactId();
    }

    /**
     * The registry client of this project's check: its answers come from the build's read-ahead where it read them,
     * from {@code client} otherwise; null when nothing is read ahead for this project.
     */
    static RegistryReadAhead.ReadAheadClient clientFor(MavenSession session, MavenProject project, int threads,
                                                       RegistryClient client, Supplier<RegistryClient> readAheadClient, Log log) {
        String image = key(project);
        return of(session, threads, readAheadClient, log).filter(r -> r.images().contains(image))
                .map(r -> r.forImage(image, client)).orElse(null);
    }

    /** The build's read-ahead, started now when this is the build's first check; empty when there is none. */
    static Optional<RegistryReadAhead> of(MavenSession session, int threads, Supplier<RegistryClient> client,
                                                       Log log) {
        RegistryReadAhead.checkedThreads(threads);
        if (session == null || session.getRequest() == null) {
            return Optional.empty();
        }
        // Kept with the build's services: every module's session (cloned per thread under -T) shares its request.
        return BuildServices.of(session).readAhead(() -> start(session, threads, client, log));
    }

    private static Optional<RegistryReadAhead> start(MavenSession session, int threads, Supplier<RegistryClient> client,
                                                     Log log) {
        List<ReactorImage> images = ReactorImage.of(session);
        if (threads == 0 || images.size() < 2) {
            return Optional.empty();
        }
        Set<String> reactorImages = new LinkedHashSet<>();
        images.forEach(image -> image.imageName().ifPresent(reactorImages::add));
        List<RegistryReadAhead.Plan> plans = new ArrayList<>();
        Set<String> bases = new LinkedHashSet<>();
        for (ReactorImage image : images) {
            plan(image, reactorImages).ifPresent(plan -> {
                plans.add(plan);
                plan.upstream().forEach(base -> bases.add(base.toString()));
            });
        }
        if (plans.size() < 2) {
            return Optional.empty();
        }
        int poolSize = Math.min(threads, plans.size());
        log.info("Reading registries ahead for the checks of " + plans.size() + " images on " + poolSize
                + " threads (" + RegistryReadAhead.PROPERTY_THREADS + "): " + bases.size() + " upstream base(s) from outside this "
                + "reactor, and each image's published versions");
        return Optional.of(RegistryReadAhead.start(plans, client.get(), poolSize));
    }

    private static Optional<RegistryReadAhead.Plan> plan(ReactorImage image, Set<String> reactorImages) {
        if (Boolean.parseBoolean(image.property(AbstractPlatformImageMojo.PROPERTY_SKIP, "skip"))) {
            return Optional.empty();
        }
        String registry = image.property(AbstractRegistryMojo.PROPERTY_REGISTRY, "registry");
        if (registry == null || EcrRegistryHost.parse(registry.trim()).isPresent()) {
            return Optional.empty();
        }
        ReleaseTarget target;
        RegistryMirrors mirrors;
        try {
            String extras = image.property(AbstractPlatformImageMojo.PROPERTY_EXTRA_TAGS, "extraTags");
            target = new ReleaseTarget(registry.trim(), image.repository(),
                    image.property(AbstractPlatformImageMojo.PROPERTY_TAG, "tag"),
                    extras == null ? List.of() : Arrays.asList(extras.split(",")));
            mirrors = RegistryMirrors.parse(image.property("platform.mirrors", "mirrors"));
        } catch (ReleaseFailure | IllegalArgumentException e) {
            return Optional.empty(); // the image's own check says what is wrong
        }
        boolean mcrCatalog = Boolean.parseBoolean(image.property("platform.mcrCatalog", "mcrCatalog"));
        List<ImageReference> upstream = new ArrayList<>();
        for (ImageReference base : image.upstreamImages()) {
            if (reactorImages.contains(base.name()) || (mcrCatalog && base.registry().equals(McrCatalog.HOST))) {
                continue; // published during this run, or not read through the Registry API
            }
            ImageReference fetchFrom = mirrors.mirrorOf(base).orElse(base);
            if (EcrRegistryHost.parse(fetchFrom.registry()).isEmpty() && !upstream.contains(fetchFrom)) {
                upstream.add(fetchFrom);
            }
        }
        return Optional.of(new RegistryReadAhead.Plan(key(image.project()), upstream, target));
    }
}
