package dev.platformimages.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rows kept per image and gathered by the last module; the report written twice and appended to a job summary. */
class StatusFilesTest {

    @TempDir
    Path dir;

    private final StatusRow row = new StatusRow("r.example/platform/node", "20-1.0.0", "2026-11-20T12:00:00Z",
            Map.of("docker.io/library/node:20", "sha256:aa"), Map.of("docker.io/library/node:20", "sha256:bb"),
            "BASE_CHANGED", "base changed", null, List.of("linux/amd64"), false);

    @Test
    void aRowWrittenByOneModuleIsReadBackWhole() {
        Path image = dir.resolve("node-20/target");

        assertEquals(Optional.empty(), StatusFiles.readRow(image), "no row before the image's module ran");
        StatusFiles.writeRow(image, row);
        assertEquals(Optional.of(row), StatusFiles.readRow(image));
    }

    @Test
    void theReportGoesToJsonAndMarkdownAndIsAppendedToTheJobSummary() throws Exception {
        StatusReport report = new StatusReport(List.of(row), Instant.parse("2026-12-01T00:00:00Z"));
        Path summary = dir.resolve("summary.md");
        Files.writeString(summary, "earlier step\n");

        Path json = StatusFiles.writeReport(report, dir.resolve("target"));
        StatusFiles.appendToJobSummary(report, summary);

        assertEquals(report.json(), Files.readString(json));
        assertEquals(report.markdown(), Files.readString(dir.resolve("target/platform-image-status.md")));
        assertTrue(Files.readString(summary).startsWith("earlier step\n" + report.markdown()));
    }
}
