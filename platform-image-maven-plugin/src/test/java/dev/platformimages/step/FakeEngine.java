package dev.platformimages.step;

import dev.platformimages.engine.CommandResult;
import dev.platformimages.engine.ContainerStatus;
import dev.platformimages.engine.ImageEngine;
import dev.platformimages.engine.StartedContainer;
import dev.platformimages.registry.RegistryCredentials;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** An engine for unit tests: each test overrides what it uses; anything else fails loudly. */
public abstract class FakeEngine implements ImageEngine {

    @Override
    public void ping() {
    }

    @Override
    public void pullPinned(String repository, String digest, String tag, RegistryCredentials credentials, Consumer<String> log) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String build(Path contextTar, String dockerfileInTar, Map<String, String> buildArgs, Map<String, String> labels,
                        List<String> tags, boolean noCache, Consumer<String> log) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void tag(String image, String repository, String tag) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void push(String repository, String tag, RegistryCredentials credentials, Consumer<String> log) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> imageId(String reference) {
        return Optional.empty();
    }

    @Override
    public Set<Integer> exposedTcpPorts(String reference) {
        return Set.of();
    }

    @Override
    public CommandResult run(String image, List<String> command, Map<String, String> labels, Duration timeout, String containerName) {
        throw new UnsupportedOperationException();
    }

    @Override
    public StartedContainer start(String image, int containerPort, Map<String, String> labels) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ContainerStatus status(String containerId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String logs(String containerId, int lines) {
        return "";
    }

    @Override
    public void removeContainer(String containerId) {
    }

    @Override
    public void removeImage(String reference) {
    }

    @Override
    public ImageEngine onPlatform(String platform) {
        return this;
    }

    @Override
    public void close() {
    }
}
