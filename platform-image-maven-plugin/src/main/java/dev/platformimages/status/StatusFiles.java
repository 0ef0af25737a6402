package dev.platformimages.status;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Where the status goal keeps what it found: each image's row in its own build folder (the last module of a build
 * gathers them), and the report as JSON and Markdown in the top project's, the Markdown also appended to a GitHub
 * Actions job summary.
 */
public final class StatusFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW_FILE = "status-row.json";

    private StatusFiles() {
    }

    /** Keeps {@code row} in the image's build folder. */
    public static void writeRow(Path buildDirectory, StatusRow row) {
        try {
            write(rowFile(buildDirectory), JSON.writeValueAsString(row));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The row the image's module wrote in this build, if it wrote one. */
    public static Optional<StatusRow> readRow(Path buildDirectory) {
        Path file = rowFile(buildDirectory);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), StatusRow.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Writes {@code platform-image-status.json} and {@code .md} into {@code directory}; returns the JSON file. */
    public static Path writeReport(StatusReport report, Path directory) {
        write(directory.resolve("platform-image-status.json"), report.json());
        write(directory.resolve("platform-image-status.md"), report.markdown());
        return directory.resolve("platform-image-status.json");
    }

    /** Appends the report's Markdown to the job summary file ($GITHUB_STEP_SUMMARY). */
    public static void appendToJobSummary(StatusReport report, Path summary) throws IOException {
        Files.writeString(summary, report.markdown() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static Path rowFile(Path buildDirectory) {
        return buildDirectory.resolve("platform-image").resolve(ROW_FILE);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
