package dev.platformimages.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.RegistryCredentials;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@link ImageEngine} over docker-java and its httpclient5 transport. The API version is negotiated,
 * never pinned (Debian's engine speaks 1.41). DOCKER_HOST and the other DOCKER_* variables are honoured.
 */
public final class DockerJavaEngine implements ImageEngine {

    private final DockerClient docker;
    private final String host;
    /** The platform builds, pulls and containers are for; null: the engine's own. */
    private final String platform;
    /** Only the engine that opened the client closes it, not its platform views. */
    private final boolean ownsClient;

    private DockerJavaEngine(DockerClient docker, String host, String platform) {
        this.docker = docker;
        this.host = host;
        this.platform = platform;
        this.ownsClient = false;
    }

    @Override
    public ImageEngine onPlatform(String platform) {
        return new DockerJavaEngine(docker, host, platform);
    }

    public DockerJavaEngine() {
        this.platform = null;
        this.ownsClient = true;
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        this.host = String.valueOf(config.getDockerHost());
        this.docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(Duration.ofHours(1))
                .build());
    }

    @Override
    public void ping() {
        call("ping the Docker engine", () -> docker.pingCmd().exec());
    }

    @Override
    public String describe() {
        return call("ask the engine what it is", () -> {
            var version = docker.versionCmd().exec();
            var info = docker.infoCmd().exec();
            return describe(version.getVersion(), version.getApiVersion(), info.getDriver(), info.getDriverStatuses())
                    + " at " + host;
        });
    }

    /** {@code Docker 26.1.5 (API 1.45), image store: containerd (snapshotter overlayfs)} or {@code ... classic (overlay2)}. */
    static String describe(String version, String api, String driver, List<List<String>> driverStatus) {
        boolean containerd = driverStatus != null && driverStatus.stream()
                .anyMatch(kv -> kv.size() == 2 && "driver-type".equals(kv.get(0)) && kv.get(1).contains("snapshotter"));
        return "Docker " + version + " (API " + api + "), image store: "
                + (containerd ? "containerd (snapshotter " + driver + ")" : "classic (storage driver " + driver + ")");
    }

    @Override
    public void pullPinned(String repository, String digest, String tag, RegistryCredentials credentials,
                           Consumer<String> log) {
        call("pull " + repository + "@" + digest, () -> {
            var pull = docker.pullImageCmd(repository).withTag(digest);
            if (platform != null) {
                pull.withPlatform(platform);
            }
            if (credentials != null) {
                pull.withAuthConfig(auth(credentials, repository));
            }
            ItemCallback<PullResponseItem> callback = new ItemCallback<>(item -> progress(item, log));
            await(pull.exec(callback));
            callback.throwIfFailed("pull of " + repository + "@" + digest);
            if (tag != null) {
                docker.tagImageCmd(repository + "@" + digest, repository, tag).exec();
            }
            return null;
        });
    }

    @Override
    public String build(Path contextTar, String dockerfileInTar, Map<String, String> buildArgs,
                        Map<String, String> labels, List<String> tags, boolean noCache, Consumer<String> log) {
        return call("build", () -> {
            try (InputStream tar = Files.newInputStream(contextTar)) {
                var build = docker.buildImageCmd(tar)
                        .withDockerfilePath(dockerfileInTar)
                        .withLabels(labels)
                        .withTags(new HashSet<>(tags))
                        .withPull(false) // bases were pulled by digest just before
                        .withNetworkMode("host") // so RUN apt-get and the like reach the network
                        .withNoCache(noCache)
                        .withRemove(true)
                        .withForcerm(true);
                if (platform != null) {
                    build.withPlatform(platform);
                }
                buildArgs.forEach(build::withBuildArg);
                AtomicReference<String> step = new AtomicReference<>("");
                AtomicReference<String> imageId = new AtomicReference<>();
                ItemCallback<BuildResponseItem> callback = new ItemCallback<>(item -> {
                    if (item.getStream() != null) {
                        for (String line : item.getStream().split("\\r?\\n")) {
                            if (line.startsWith("Step ")) {
                                step.set(line);
                            }
                            if (!line.isBlank()) {
                                log.accept(line.stripTrailing());
                            }
                        }
                    }
                    if (item.isBuildSuccessIndicated()) {
                        imageId.set(item.getImageId());
                    }
                });
                await(build.exec(callback));
                callback.throwIfFailed(step.get().isEmpty() ? "build" : "build at " + step.get());
                if (imageId.get() == null) {
                    throw new EngineException("the engine finished the build without an image id");
                }
                // The stream may carry a short id: the full one (the config digest) comes from an inspect.
                return docker.inspectImageCmd(tags.get(0)).exec().getId();
            } catch (IOException e) {
                throw new EngineException("cannot read the build context " + contextTar + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void tag(String image, String repository, String tag) {
        call("tag " + image + " as " + repository + ":" + tag, () -> {
            docker.tagImageCmd(image, repository, tag).withForce(true).exec();
            return null;
        });
    }

    @Override
    public void push(String repository, String tag, RegistryCredentials credentials, Consumer<String> log) {
        call("push " + repository + ":" + tag, () -> {
            var push = docker.pushImageCmd(repository).withTag(tag);
            if (credentials != null) {
                push.withAuthConfig(auth(credentials, repository));
            }
            ItemCallback<PushResponseItem> callback = new ItemCallback<>(item -> progress(item, log));
            await(push.exec(callback));
            callback.throwIfFailed("push of " + repository + ":" + tag);
            return null;
        });
    }

    @Override
    public Optional<String> imageId(String reference) {
        return call("inspect image " + reference, () -> {
            try {
                return Optional.ofNullable(docker.inspectImageCmd(reference).exec().getId());
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public Map<String, String> labels(String reference) {
        return call("inspect image " + reference, () -> {
            var config = docker.inspectImageCmd(reference).exec().getConfig();
            return config == null || config.getLabels() == null ? Map.<String, String>of() : config.getLabels();
        });
    }

    @Override
    public Set<Integer> exposedTcpPorts(String reference) {
        return call("inspect image " + reference, () -> {
            var config = docker.inspectImageCmd(reference).exec().getConfig();
            Set<Integer> ports = new TreeSet<>();
            if (config != null && config.getExposedPorts() != null) {
                for (var port : config.getExposedPorts()) {
                    if (port.getProtocol() == com.github.dockerjava.api.model.InternetProtocol.TCP) {
                        ports.add(port.getPort());
                    }
                }
            }
            return ports;
        });
    }

    @Override
    public CommandResult run(String image, List<String> command, Map<String, String> labels, Duration timeout,
                             String containerName) {
        return call("run " + String.join(" ", command) + " in " + image, () -> {
            CreateContainerCmd create = docker.createContainerCmd(image).withLabels(labels).withName(containerName);
            if (platform != null) {
                create.withPlatform(platform);
            }
            if (!command.isEmpty()) {
                create.withEntrypoint(command.get(0)).withCmd(command.subList(1, command.size()));
            }
            String id = create.exec().getId();
            try {
                docker.startContainerCmd(id).exec();
                Integer exit;
                try (WaitContainerResultCallback wait = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())) {
                    exit = wait.awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RuntimeException e) {
                    if (status(id).running()) {
                        return new CommandResult(-1, logs(id, 200) + "\n(timed out after " + timeout.toSeconds() + " s)");
                    }
                    throw e;
                } catch (IOException e) {
                    throw new EngineException("waiting for container " + id + ": " + e.getMessage(), e);
                }
                return new CommandResult(exit == null ? -1 : exit, logs(id, 200));
            } finally {
                removeContainer(id);
            }
        });
    }

    @Override
    public StartedContainer start(String image, int containerPort, Map<String, String> labels) {
        return call("start a container of " + image, () -> {
            ExposedPort port = ExposedPort.tcp(containerPort);
            String id = docker.createContainerCmd(image)
                    .withPlatform(platform)
                    .withLabels(labels)
                    .withExposedPorts(port)
                    .withHostConfig(HostConfig.newHostConfig()
                            .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), port)))
                    .exec().getId();
            try {
                docker.startContainerCmd(id).exec();
                InspectContainerResponse inspect = docker.inspectContainerCmd(id).exec();
                Ports.Binding[] bindings = inspect.getNetworkSettings().getPorts().getBindings().get(port);
                if (bindings == null || bindings.length == 0) {
                    throw new EngineException("the engine published no host port for " + containerPort + "/tcp");
                }
                return new StartedContainer(id, Integer.parseInt(bindings[0].getHostPortSpec()));
            } catch (RuntimeException e) {
                removeContainer(id);
                throw e;
            }
        });
    }

    @Override
    public ContainerStatus status(String containerId) {
        return call("inspect container " + containerId, () -> {
            var state = docker.inspectContainerCmd(containerId).exec().getState();
            String health = state.getHealth() == null ? null : state.getHealth().getStatus();
            int runs = state.getHealth() == null || state.getHealth().getLog() == null ? 0 : state.getHealth().getLog().size();
            return new ContainerStatus(Boolean.TRUE.equals(state.getRunning()), state.getExitCodeLong(),
                    health == null || health.isEmpty() ? (state.getHealth() == null ? null : "starting") : health, runs);
        });
    }

    @Override
    public Optional<HealthCheck> healthCheck(String containerId) {
        return call("inspect container " + containerId, () -> {
            var config = docker.inspectContainerCmd(containerId).exec().getConfig();
            var check = config == null ? null : config.getHealthcheck();
            if (check == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(HealthCheck.of(check.getTest(), check.getInterval(), check.getTimeout(),
                    check.getRetries(), check.getStartPeriod()));
        });
    }

    @Override
    public CommandResult exec(String containerId, List<String> command, Duration timeout) {
        return call("exec " + String.join(" ", command) + " in container " + containerId, () -> {
            String exec = docker.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            StringBuilder out = new StringBuilder();
            ItemCallback<Frame> callback = new ItemCallback<>(frame -> out.append(new String(frame.getPayload(), StandardCharsets.UTF_8)));
            docker.execStartCmd(exec).exec(callback);
            try {
                if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    return new CommandResult(-1, out + "\n(timed out after " + timeout.toSeconds() + " s)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted", e);
            }
            Long exit = docker.inspectExecCmd(exec).exec().getExitCodeLong();
            return new CommandResult(exit == null ? -1 : exit.intValue(), out.toString());
        });
    }

    @Override
    public String logs(String containerId, int lines) {
        StringBuilder out = new StringBuilder();
        try {
            ItemCallback<Frame> callback = new ItemCallback<>(
                    frame -> out.append(new String(frame.getPayload(), StandardCharsets.UTF_8)));
            await(docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(lines).exec(callback));
        } catch (RuntimeException e) {
            out.append("(logs unavailable: ").append(e.getMessage()).append(')');
        }
        return out.toString();
    }

    @Override
    public void removeContainer(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException ignored) {
            // already gone, or the engine went away: nothing more to do
        }
    }

    @Override
    public void removeImage(String reference) {
        try {
            docker.removeImageCmd(reference).withForce(true).exec();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }

    @Override
    public List<Labelled> labelled(String label) {
        return call("list containers and images labelled " + label, () -> {
            List<Labelled> found = new java.util.ArrayList<>();
            for (var container : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec()) {
                found.add(new Labelled(true, container.getId(), container.getLabels() == null ? Map.of() : container.getLabels()));
            }
            for (var image : docker.listImagesCmd().withLabelFilter(label).exec()) {
                found.add(new Labelled(false, image.getId(), image.getLabels() == null ? Map.of() : image.getLabels()));
            }
            return found;
        });
    }

    @Override
    public void close() {
        if (!ownsClient) {
            return;
        }
        try {
            docker.close();
        } catch (IOException ignored) {
            // closing a client that failed to connect
        }
    }

    /** The credentials for the registry {@code repository} lives in, named as its server address (not Docker Hub's). */
    static AuthConfig auth(RegistryCredentials credentials, String repository) {
        return new AuthConfig().withUsername(credentials.username()).withPassword(credentials.password())
                .withRegistryAddress(ImageReference.parse(repository).registry());
    }

    private static void progress(ResponseItem item, Consumer<String> log) {
        // Layer progress bars are noise in a CI log; statuses per layer and the final digest are kept.
        if (item.getStatus() != null && item.getProgressDetail() == null) {
            log.accept((item.getId() != null ? item.getId() + ": " : "") + item.getStatus());
        }
    }

    private static <T extends ResultCallback<?>> void await(T callback) {
        try {
            ((ResultCallback.Adapter<?>) callback).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted", e);
        }
    }

    /** Runs an engine call, turning "no engine" into instructions and anything else into its message. */
    private <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            if (isConnectionFailure(e)) {
                throw new EngineException("no Docker engine answers at " + host + ". Start one (as root: 'dockerd &' "
                        + "or 'systemctl start docker'; scripts/env.sh does both) or point DOCKER_HOST at a running engine", e);
            }
            throw new EngineException(withHint(what + " failed: " + e.getMessage()), e);
        }
    }

    /**
     * Adds what to do to an engine error that has a known cause: Podman, unlike Docker, reaches registries on
     * loopback over HTTPS unless registries.conf marks them insecure.
     */
    static String withHint(String message) {
        if (message != null && message.contains("server gave HTTP response to HTTPS client")) {
            return message + ". The engine reached a plain-HTTP registry over HTTPS: Podman does so for every registry "
                    + "that /etc/containers/registries.conf does not mark insecure, loopback ones too. Add "
                    + "[[registry]] location=\"HOST:PORT\" insecure=true there for the target and mirror registries "
                    + "(Docker: list them in insecure-registries of daemon.json)";
        }
        return message;
    }

    private static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof java.net.ConnectException || t instanceof java.net.NoRouteToHostException
                    || message.contains("No such file or directory") || message.contains("Connection refused")) {
                return true;
            }
        }
        return false;
    }

    /** Collects the first error an engine stream reports; passes every item on. */
    private static final class ItemCallback<T> extends ResultCallback.Adapter<T> {
        private final Consumer<T> onItem;
        private volatile String error;

        ItemCallback(Consumer<T> onItem) {
            this.onItem = onItem;
        }

        @Override
        public void onNext(T item) {
            if (item instanceof ResponseItem && ((ResponseItem) item).isErrorIndicated() && error == null) {
                ResponseItem r = (ResponseItem) item;
                error = r.getErrorDetail() != null && r.getErrorDetail().getMessage() != null
                        ? r.getErrorDetail().getMessage() : r.getError();
            }
            onItem.accept(item);
        }

        void throwIfFailed(String what) {
            if (error != null) {
                throw new EngineException(withHint(what + " failed: " + error));
            }
        }
    }
}
