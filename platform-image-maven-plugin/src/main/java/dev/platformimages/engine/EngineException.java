package dev.platformimages.engine;

/** The container engine failed or is not there; the message says what to do. */
public class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
