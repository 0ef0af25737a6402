package dev.platformimages.http;

import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Keeps credentials out of debug logs. Apache HttpClient 5, the transport under docker-java and the AWS SDK, logs
 * every request header and byte at debug level: with {@code mvn -X} that prints docker-java's
 * {@code X-Registry-Auth} (base64 of a JSON document holding the registry password), ECR authorization tokens and
 * AWS session tokens; the AWS SDK's SigV4 signers log the canonical request, session token included. Those loggers
 * (and the packages of the signers) are held at info, whatever Maven's level: Maven's simple logger
 * reads a per-logger level from a system property when the logger is first asked for, which happens here, before
 * any client exists. Where a logging set-up ignores that (another binding, a logger already made at debug), the
 * goal stops before it opens a client rather than print a secret.
 */
public final class TransportLogs {

    /** The loggers (or packages of loggers) that print headers, bodies or signed requests at debug level. */
    static final List<String> SECRET_BEARING = List.of("org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire",
            "software.amazon.awssdk.http.auth.aws.internal.signer", "software.amazon.awssdk.auth.signer");

    private TransportLogs() {
    }

    /** Holds the header and wire loggers at info; fails when they would still log at debug. */
    public static void quiet() {
        for (String name : SECRET_BEARING) {
            System.setProperty("org.slf4j.simpleLogger.log." + name, "info");
            // A package's level is its loggers' level; asking for the name checks the set-up honours the property.
            if (LoggerFactory.getLogger(name).isDebugEnabled()) {
                throw new IllegalStateException("the logger " + name + " logs at debug level, which would print "
                        + "registry and AWS credentials sent by the Docker and AWS clients; set its level to info "
                        + "(-Dorg.slf4j.simpleLogger.log." + name + "=info, or your logging configuration) and run again");
            }
        }
    }
}
