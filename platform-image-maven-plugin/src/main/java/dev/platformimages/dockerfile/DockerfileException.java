package dev.platformimages.dockerfile;

/** A Dockerfile that cannot be read as the builder would; the message names the line. */
public class DockerfileException extends RuntimeException {
    public DockerfileException(String message) {
        super(message);
    }
}
