package dev.platformimages.engine;

import dev.platformimages.registry.RegistryCredentials;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** The container engine operations the plugin needs. Implementations throw {@link EngineException}. */
public interface ImageEngine extends AutoCloseable {

    /** Fails with instructions when no engine answers. */
    void ping();

    /** Which engine this is, for the log: product, version, API version and image store. */
    default String describe() {
        return "a container engine";
    }

    /**
     * Pulls {@code repository@digest} and, when {@code tag} is not null, tags it {@code repository:tag},
     * so that a build FROM that tag uses exactly that digest.
     */
    void pullPinned(String repository, String digest, String tag, RegistryCredentials credentials, Consumer<String> log);

    /**
     * Builds from a context tar; streams the engine's output line by line; returns the image id.
     *
     * @param contextTar      an uncompressed tar of the context
     * @param dockerfileInTar the Dockerfile's path in the tar
     * @param noCache         run every step, reusing no layer from an earlier build
     */
    String build(Path contextTar, String dockerfileInTar, Map<String, String> buildArgs, Map<String, String> labels,
                 List<String> tags, boolean noCache, Consumer<String> log);

    /** Gives the local image {@code image} (an id or reference) the name {@code repository:tag}. */
    void tag(String image, String repository, String tag);

    /** Pushes {@code repository:tag}; the engine's progress goes to {@code log}. */
    void push(String repository, String tag, RegistryCredentials credentials, Consumer<String> log);

    /** The id (config digest) of a local image, if the engine has it. */
    Optional<String> imageId(String reference);

    /** The labels of a local image's config; empty when it has none. */
    default Map<String, String> labels(String reference) {
        return Map.of();
    }

    /** The TCP ports a local image EXPOSEs (its own and its bases'). */
    Set<Integer> exposedTcpPorts(String reference);

    /** Runs {@code command} (the first word as entrypoint) in a fresh container named {@code containerName} until it exits. */
    CommandResult run(String image, List<String> command, Map<String, String> labels, Duration timeout, String containerName);

    /** Starts a container of {@code image} with {@code containerPort} published on 127.0.0.1 at a free port. */
    StartedContainer start(String image, int containerPort, Map<String, String> labels);

    /** Whether the container is still running, and its exit code when it is not. */
    ContainerStatus status(String containerId);

    /** The container's HEALTHCHECK; empty when it has none. */
    default java.util.Optional<HealthCheck> healthCheck(String containerId) {
        return java.util.Optional.empty();
    }

    /** Runs {@code command} in the running container (the engine's exec API) until it exits or {@code timeout} passes. */
    default CommandResult exec(String containerId, List<String> command, Duration timeout) {
        throw new EngineException("this engine cannot run commands in a container");
    }

    /** The last {@code lines} lines of the container's output (stdout and stderr). */
    String logs(String containerId, int lines);

    /** Removes a container, running or not, with its anonymous volumes. Never throws. */
    void removeContainer(String containerId);

    /** Removes an image. Never throws. */
    void removeImage(String reference);

    /** A container or image carrying the label {@code label}: its id and labels. */
    record Labelled(boolean container, String id, Map<String, String> labels) {
    }

    /** Every container (running or not), then every image, that carries the label {@code label}. */
    default List<Labelled> labelled(String label) {
        return List.of();
    }

    /**
     * The same engine, building, pulling and running containers for {@code platform} (os/architecture), foreign
     * ones through QEMU; closing the view leaves this engine open.
     */
    ImageEngine onPlatform(String platform);

    @Override
    void close();
}
