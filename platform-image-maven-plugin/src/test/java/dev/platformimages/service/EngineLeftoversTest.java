package dev.platformimages.service;

import dev.platformimages.engine.CommandResult;
import dev.platformimages.engine.ContainerStatus;
import dev.platformimages.engine.ImageEngine;
import dev.platformimages.engine.StartedContainer;
import dev.platformimages.image.ImageLabels;
import dev.platformimages.registry.RegistryCredentials;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Only what a run of this host whose process is gone left is removed: never a live run's, never another host's. */
class EngineLeftoversTest {

    private final List<String> removed = new ArrayList<>();
    private final List<ImageEngine.Labelled> labelled = new ArrayList<>();

    private static Map<String, String> labels(RunOwner owner) {
        Map<String, String> labels = new HashMap<>(owner.asLabels());
        labels.put(ImageLabels.MANAGED, "true");
        return labels;
    }

    @Test
    void theContainersAndImagesOfGoneRunsGoContainersFirst() {
        RunOwner gone = new RunOwner(RunOwner.current().host(), Long.MAX_VALUE - 1, "1");
        RunOwner alive = RunOwner.current();
        RunOwner elsewhere = new RunOwner("another-agent", 1, "1");
        labelled.add(new ImageEngine.Labelled(false, "sha256:aaaaaaaaaaaaaaaa", labels(gone)));
        labelled.add(new ImageEngine.Labelled(true, "c-gone", labels(gone)));
        labelled.add(new ImageEngine.Labelled(true, "c-alive", labels(alive)));
        labelled.add(new ImageEngine.Labelled(true, "c-elsewhere", labels(elsewhere)));
        labelled.add(new ImageEngine.Labelled(true, "c-unlabelled-run", Map.of(ImageLabels.MANAGED, "true")));

        List<String> lines = EngineLeftovers.removeThoseOfGoneRuns(engine(), new RecordingLog());

        assertEquals(List.of("container c-gone", "image sha256:aaaaaaaaaaaaaaaa"), removed);
        assertEquals(2, lines.size());
    }

    private ImageEngine engine() {
        return new ImageEngine() {
            @Override
            public List<Labelled> labelled(String label) {
                // The engine lists containers first, then images.
                List<Labelled> sorted = new ArrayList<>(labelled.stream().filter(Labelled::container).toList());
                sorted.addAll(labelled.stream().filter(l -> !l.container()).toList());
                return sorted;
            }

            @Override
            public void removeContainer(String containerId) {
                removed.add("container " + containerId);
            }

            @Override
            public void removeImage(String reference) {
                removed.add("image " + reference);
            }

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
            public ImageEngine onPlatform(String platform) {
                return this;
            }

            @Override
            public void close() {
            }
        };
    }
}
