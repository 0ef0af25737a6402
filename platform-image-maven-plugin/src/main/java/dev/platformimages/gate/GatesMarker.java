package dev.platformimages.gate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformimages.engine.EngineException;
import dev.platformimages.engine.ImageEngine;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.RunOwner;
import dev.platformimages.step.EngineLeftovers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Marks, in target/, that a run's gates are running: a run killed there (kill -9, an OOM kill) leaves it, and the next
 * run of the module, even one with nothing to release, then removes what the killed run left on the engine. A run
 * that ends normally removes the marker and its containers itself.
 */
public final class GatesMarker {

    private final Path file;
    private final ReleaseLog log;

    public GatesMarker(Path buildDirectory, ReleaseLog log) {
        this.file = buildDirectory.resolve("platform-image").resolve("gates-running.json");
        this.log = log;
    }

    void write() {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, new ObjectMapper().writeValueAsString(RunOwner.current().asLabels()));
        } catch (IOException e) {
            log.warn("Could not write " + file + ": " + e.getMessage());
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a marker that stays only makes the next run look once more
        }
    }

    /** With nothing to release: when the last run was killed during its gates, removes what it left on the engine. */
    public void cleanUpAfterAKilledRun(Supplier<ImageEngine> engines) {
        if (!Files.isRegularFile(file)) {
            return; // the usual no-op run needs no engine
        }
        Optional<RunOwner> owner;
        try {
            owner = RunOwner.from(new ObjectMapper().readValue(file.toFile(), new TypeReference<Map<String, String>>() { }));
        } catch (IOException e) {
            owner = Optional.empty();
        }
        if (owner.isPresent() && !owner.get().isGone()) {
            return; // its run is alive: a concurrent build of this module
        }
        log.info("The last run of this module was stopped during its gates (" + owner.map(RunOwner::toString)
                .orElse("unknown run") + "): removing what it left on the engine");
        try (ImageEngine engine = engines.get()) {
            engine.ping();
            EngineLeftovers.removeThoseOfGoneRuns(engine, log);
            delete();
        } catch (EngineException e) {
            log.warn("Could not remove what the stopped run left on the engine: " + e.getMessage());
        }
    }
}
