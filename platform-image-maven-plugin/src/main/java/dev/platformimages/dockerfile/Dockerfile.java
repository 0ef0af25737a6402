package dev.platformimages.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The FROM structure of a Dockerfile: its stages in order. */
public final class Dockerfile {

    private final List<BuildStage> stages;

    Dockerfile(List<BuildStage> stages) {
        this.stages = List.copyOf(stages);
    }

    public List<BuildStage> stages() {
        return stages;
    }

    /** Every image pulled from a registry, in the order of first use, without duplicates. */
    public List<String> upstreamImages() {
        Set<String> images = new LinkedHashSet<>();
        for (BuildStage stage : stages) {
            if (stage.fromUpstreamImage()) {
                images.add(stage.from());
            }
        }
        return new ArrayList<>(images);
    }

    /**
     * The upstream image the final stage rests on, following stage references back
     * ({@code FROM build AS final} ... {@code FROM base AS build}); empty for {@code scratch}.
     */
    public Optional<String> finalUpstreamImage() {
        BuildStage stage = stages.get(stages.size() - 1);
        while (stage.fromEarlierStage()) {
            stage = stageNamed(stage.from()).orElseThrow();
        }
        return stage.fromUpstreamImage() ? Optional.of(stage.from()) : Optional.empty();
    }

    Optional<BuildStage> stageNamed(String name) {
        for (BuildStage stage : stages) {
            if (stage.name().filter(n -> n.equalsIgnoreCase(name)).isPresent()) {
                return Optional.of(stage);
            }
        }
        return Optional.empty();
    }
}
