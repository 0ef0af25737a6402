package dev.platformimages.engine;

/** A running container and the loopback port its service is published on. */
public final class StartedContainer {
    private final String id;
    private final int hostPort;

    public StartedContainer(String id, int hostPort) {
        this.id = id;
        this.hostPort = hostPort;
    }

    public String id() {
        return id;
    }

    public int hostPort() {
        return hostPort;
    }
}
