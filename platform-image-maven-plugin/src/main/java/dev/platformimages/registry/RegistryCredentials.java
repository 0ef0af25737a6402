package dev.platformimages.registry;

/** A user name and password (or token) for a registry; toString never shows the password. */
public record RegistryCredentials(String username, String password) {
    @Override
    public String toString() {
        return "credentials of " + username;
    }
}
