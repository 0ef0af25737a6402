package dev.platformimages.plugin;

import dev.platformimages.ecr.EcrSessions;
import dev.platformimages.registry.RegistryCache;
import org.apache.maven.execution.MavenSession;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * What the goals and modules of one Maven build share: the ECR sessions (SDK clients, tokens, repositories known)
 * and the Registry API clients' authorizations and schemes. Kept by the build's request, weakly: nothing of one
 * build reaches the next (an IDE or a Maven daemon running several builds in one JVM).
 */
final class BuildServices {

    private static final Map<Object, BuildServices> BY_BUILD = new WeakHashMap<>();
    /** Goals run without a session (unit tests of a goal) share nothing. */
    private static final Object NO_SESSION = new Object();

    final EcrSessions ecrSessions = new EcrSessions();
    final RegistryCache registryCache = new RegistryCache();

    private BuildServices() {
    }

    static synchronized BuildServices of(MavenSession session) {
        if (session == null || session.getRequest() == null) {
            return new BuildServices();
        }
        return BY_BUILD.computeIfAbsent(session.getRequest(), request -> new BuildServices());
    }
}
