package dev.platformimages.registry;

import java.time.Duration;
import java.time.Instant;

/**
 * A user name and password (or token) for a registry, and when it expires (null: never, as a password does; an ECR
 * token lasts 12 hours). toString never shows the password.
 */
public record RegistryCredentials(String username, String password, Instant expiresAt) {

    /** Credentials this close to expiry are asked for again before use: a push may take a while. */
    public static final Duration RENEWAL_MARGIN = Duration.ofMinutes(15);

    public RegistryCredentials(String username, String password) {
        this(username, password, null);
    }

    /** Whether these credentials expire within {@link #RENEWAL_MARGIN}: every holder then asks for fresh ones. */
    public boolean expiresSoon() {
        return expiresWithin(RENEWAL_MARGIN);
    }

    /** Whether these credentials expire within {@code margin} from now. */
    public boolean expiresWithin(Duration margin) {
        return expiresAt != null && Instant.now().plus(margin).isAfter(expiresAt);
    }

    @Override
    public String toString() {
        return "credentials of " + username;
    }
}
