package dev.platformimages.ecr;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ECR sessions of one Maven build, one per registry and options: the goals and modules of a build share the
 * SDK client, the authorization token and what is known of the repositories, and the next build starts afresh.
 */
public final class EcrSessions {

    private final Map<String, EcrSession> sessions = new ConcurrentHashMap<>();

    public EcrSession open(EcrRegistryHost host, EcrOptions options) {
        return sessions.computeIfAbsent(host.host() + "|" + options, k -> EcrSession.open(host, options));
    }
}
