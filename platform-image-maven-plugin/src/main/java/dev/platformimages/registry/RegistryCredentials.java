package dev.platformimages.registry;

import java.time.Duration;
import java.time.Instant;

/**
 * A user name and password (or token) for a registry, and when it expires (null: never, as a password does; an ECR
 * token lasts 12 hours). toString never shows the password.
 */
public record RegistryCredentials(String username, String password, Instant expiresAt) {

    public RegistryCredentials(String username, String password) {
        this(username, password, null);
    }

    /** Whether these credentials expire within {@code margin} from now: a caller then asks for fresh ones. */
    public boolean expiresWithin(Duration margin) {
        return expiresAt != null && Instant.now().plus(margin).isAfter(expiresAt);
    }

    @Override
    public String toString() {
        return "credentials of " + username;
    }
}
