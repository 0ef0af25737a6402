package dev.platformimages.registry;

/** A registry call that failed; the message names the registry and what to do, never a credential. */
public class RegistryException extends RuntimeException {
    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
