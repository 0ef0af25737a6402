package dev.platformimages.service;

/**
 * A release cannot go on because of the input or a gate (bad parameter, failed test, version taken).
 * The message is meant for the person who runs the build; it never carries a secret.
 */
public class ReleaseFailure extends RuntimeException {
    public ReleaseFailure(String message) {
        super(message);
    }

    public ReleaseFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
