package dev.platformimages.registry;

import java.util.Optional;

/** Finds the credentials of a registry host, and says where it looked (for errors that name the place to fix). */
@FunctionalInterface
public interface CredentialLookup {

    Optional<RegistryCredentials> find(String host);

    /** Where credentials for {@code host} are looked for, e.g. {@code the <server> with id 'ghcr.io' in settings.xml}. */
    default String searched(String host) {
        return "the <server> with id '" + host + "' in settings.xml";
    }
}
