package dev.platformimages.engine;

/** The exit code and output of a command run in a container. */
public record CommandResult(int exitCode, String output) {
}
