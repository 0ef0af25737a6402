package dev.platformimages.engine;

/** A running container and the loopback port its service is published on. */
public record StartedContainer(String id, int hostPort) {
}
