package dev.platformimages.registry;

/** A user name and password (or token) for a registry; toString never shows the password. */
public final class RegistryCredentials {
    private final String username;
    private final String password;

    public RegistryCredentials(String username, String password) {
        this.username = username;
        this.password = password;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    @Override
    public String toString() {
        return "credentials of " + username;
    }
}
