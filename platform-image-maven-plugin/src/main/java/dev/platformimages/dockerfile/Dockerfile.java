package dev.platformimages.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The FROM structure of a Dockerfile: its stages in order. */
public final class Dockerfile {

    private final List<BuildStage> stages;
    private final List<UpstreamUse> copiedFrom;
    private final List<String> buildKitOnly;

    Dockerfile(List<BuildStage> stages, List<UpstreamUse> copiedFrom, List<String> buildKitOnly) {
        this.stages = List.copyOf(stages);
        this.copiedFrom = List.copyOf(copiedFrom);
        this.buildKitOnly = List.copyOf(buildKitOnly);
    }

    /**
     * What the Dockerfile uses that only BuildKit builds ({@code line 4: RUN --mount}, {@code line 9: RUN <<heredoc}):
     * the Engine API's classic builder, which the plugin drives, refuses it.
     */
    public List<String> buildKitOnly() {
        return buildKitOnly;
    }

    public List<BuildStage> stages() {
        return stages;
    }

    /** Every use of an image from a registry: FROM lines first, then COPY --from=image, each in file order. */
    public List<UpstreamUse> upstreamUses() {
        List<UpstreamUse> uses = new ArrayList<>();
        for (BuildStage stage : stages) {
            if (stage.fromUpstreamImage()) {
                uses.add(new UpstreamUse(stage.from(), stage.line(), "FROM", stage.platform().orElse(null)));
            }
        }
        uses.addAll(copiedFrom);
        return uses;
    }

    /** Every image pulled from a registry, without duplicates, in the order of {@link #upstreamUses()}. */
    public List<String> upstreamImages() {
        Set<String> images = new LinkedHashSet<>();
        for (UpstreamUse use : upstreamUses()) {
            images.add(use.image());
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
