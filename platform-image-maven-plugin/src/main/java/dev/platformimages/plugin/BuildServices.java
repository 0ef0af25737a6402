package dev.platformimages.plugin;

import dev.platformimages.ecr.EcrSessions;
import dev.platformimages.packages.HttpSourceFetcher;
import dev.platformimages.packages.ImageFiles;
import dev.platformimages.packages.PackageInventory;
import dev.platformimages.registry.RegistryCache;
import dev.platformimages.step.PackageSourceCheck;
import dev.platformimages.step.RegistryReadAhead;
import org.apache.maven.execution.MavenSession;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the goals and modules of one Maven build share: the ECR sessions (SDK clients, tokens, repositories known)
 * the Registry API clients' authorizations and schemes, and the reactor's read-ahead of the checks. Kept by the build's request, weakly: nothing of one
 * build reaches the next (an IDE or a Maven daemon running several builds in one JVM).
 */
final class BuildServices {

    private static final Map<Object, BuildServices> BY_BUILD = new WeakHashMap<>();
    /** Goals run without a session (unit tests of a goal) share nothing. */
    private static final Object NO_SESSION = new Object();

    final EcrSessions ecrSessions = new EcrSessions();
    final RegistryCache registryCache = new RegistryCache();
    /** What the image layers read hold (their package databases), by layer digest: each layer is read once per build. */
    final Map<String, ImageFiles.Layer> layers = new ConcurrentHashMap<>();
    /** The package inventories known in this build, by image digest. */
    final Map<String, Map<String, PackageInventory>> inventories = new ConcurrentHashMap<>();
    /** The package sources' signed files and indexes read in this build (each once). */
    final PackageSourceCheck.Cache packageSources = new PackageSourceCheck.Cache();
    /** The signers loaded in this build, by platform.signing.key: each key is read (or asked of KMS) once. */
    final Map<String, dev.platformimages.signing.ImageSigner> signers = new ConcurrentHashMap<>();
    /** Upstream tag lists and base images' build times, read once per run for the track report (status, plan). */
    final Map<String, List<String>> upstreamTags = new ConcurrentHashMap<>();
    final Map<String, java.util.Optional<java.time.Instant>> baseCreated = new ConcurrentHashMap<>();
    /** platform.caCertificates' SSL contexts, by their files: one per build, so that its registry clients share one HTTP client. */
    final Map<List<java.nio.file.Path>, javax.net.ssl.SSLContext> trust = new ConcurrentHashMap<>();
    /** The package sources' HTTP client, shared so that its connections and its counts span the build. */
    private HttpSourceFetcher sourceFetcher;
    /** The reactor's read-ahead of the checks; null until the build's first check-update decided it. */
    private Optional<RegistryReadAhead> readAhead;

    private BuildServices() {
    }

    /** The build's read-ahead, started by the first check that asks (under -T, modules ask concurrently). */
    synchronized Optional<RegistryReadAhead> readAhead(Supplier<Optional<RegistryReadAhead>> start) {
        if (readAhead == null) {
            readAhead = start.get();
        }
        return readAhead;
    }

    synchronized HttpSourceFetcher sourceFetcher(java.time.Duration timeout,
                                                 java.util.function.Function<String, Optional<String[]>> credentials) {
        if (sourceFetcher == null) {
            sourceFetcher = new HttpSourceFetcher(timeout, credentials);
        }
        return sourceFetcher;
    }

    static synchronized BuildServices of(MavenSession session) {
        if (session == null || session.getRequest() == null) {
            return new BuildServices();
        }
        return BY_BUILD.computeIfAbsent(session.getRequest(), request -> new BuildServices());
    }
}
