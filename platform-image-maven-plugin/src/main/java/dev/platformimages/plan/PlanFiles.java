package dev.platformimages.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Where the plan goal writes what it decided: the reactor root's {@code target/platform-image/plan.json}, and the CI
 * system's outputs.
 */
public final class PlanFiles {

    public static final String PLAN_FILE = "plan.json";

    private PlanFiles() {
    }

    /** Writes plan.json into {@code buildDirectory}/platform-image; returns it. */
    public static Path writePlan(FleetPlan plan, Path buildDirectory) {
        Path file = buildDirectory.resolve("platform-image").resolve(PLAN_FILE);
        write(file, plan.json());
        return file;
    }

    /** Appends {@code name=value} lines to a GitHub Actions output file ($GITHUB_OUTPUT); the values are one line each. */
    public static void appendGithubOutputs(Map<String, String> outputs, Path file) throws IOException {
        StringBuilder lines = new StringBuilder();
        outputs.forEach((name, value) -> {
            if (value.contains("\n")) {
                throw new IllegalArgumentException("output " + name + " spans lines");
            }
            lines.append(name).append('=').append(value).append('\n');
        });
        Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Appends Markdown to a job summary file ($GITHUB_STEP_SUMMARY). */
    public static void appendSummary(String markdown, Path file) throws IOException {
        Files.writeString(file, markdown + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Azure Pipelines logging commands that set output variables, one line each, for the agent to read on stdout. */
    public static String azureCommands(Map<String, String> variables) {
        StringBuilder lines = new StringBuilder();
        variables.forEach((name, value) -> lines.append("##vso[task.setvariable variable=").append(name)
                .append(";isOutput=true]").append(value).append('\n'));
        return lines.toString();
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
