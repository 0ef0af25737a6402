package dev.platformimages.plugin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.status.StatusReport;
import dev.platformimages.status.StatusRow;
import dev.platformimages.step.UpdateChecker;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reports, without a Docker engine and without changing anything, what a deploy would do: for each platform
 * image of the build, its newest version and age, the digests its bases were built from against what their tags
 * resolve to now, and the decision with its reason. Run over a reactor ({@code mvn platform-image:status} in the
 * folder of the images' parent), the last module prints one table for all, and writes it as JSON and Markdown
 * to the top project's {@code target/platform-image-status.json} and {@code .md}; the Markdown is also appended to
 * {@code $GITHUB_STEP_SUMMARY} when that is set, as a GitHub Actions job summary. An image that cannot be checked
 * is reported as such; the goal itself does not fail.
 */
@Mojo(name = "status", threadSafe = true, aggregator = false)
public class StatusMojo extends AbstractImageDefinitionMojo {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ROW_FILE = "status-row.json";

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Override
    protected ReleaseStep step() {
        return ReleaseStep.STATUS;
    }

    @Override
    protected String goal() {
        return "status";
    }

    @Override
    protected boolean usesNotifications() {
        return false;
    }

    @Override
    protected void run() {
        if (isPlatformImage(project)) {
            StatusRow row = check();
            write(rowFile(project), toJson(row));
            getLog().info("Status of " + row.image() + ": " + (row.error() != null ? "ERROR " + row.error()
                    : row.decision() + " (" + row.explanation() + ")"));
        } else {
            getLog().info("Skipping status: " + project.getArtifactId() + " is not a platform image (packaging "
                    + project.getPackaging() + ")");
        }
        List<MavenProject> projects = session.getProjects();
        if (projects.isEmpty() || projects.get(projects.size() - 1) != project) {
            return; // the last module of the build reports for all
        }
        List<StatusRow> rows = new ArrayList<>();
        for (MavenProject each : projects) {
            Path file = rowFile(each);
            if (isPlatformImage(each) && Files.isRegularFile(file)) {
                rows.add(read(file));
            }
        }
        report(rows);
    }

    private StatusRow check() {
        String image = registry + "/" + repository;
        ReleaseLog quiet = new ReleaseLog() {
            @Override
            public void info(String line) {
                getLog().debug(line);
            }

            @Override
            public void warn(String line) {
                getLog().warn(line);
            }
        };
        try {
            ReleaseState state = new UpdateChecker(hub().registryClient(), quiet)
                    .check(definition(), hub().target(), false, null, false, mirrors());
            return new StatusRow(state.imageName(), state.previousVersionTag, state.previousCreated,
                    state.previousBaseDigests, state.baseDigests, state.reason.name(), state.explanation, null,
                    state.previousPlatforms, state.previousUntested);
        } catch (ReleaseFailure | RegistryException e) {
            return new StatusRow(image, null, null, Map.of(), Map.of(), null, null, e.getMessage());
        }
    }

    private void report(List<StatusRow> rows) {
        StatusReport report = new StatusReport(rows, Instant.now());
        report.table().forEach(line -> getLog().info(line));
        Path target = Path.of(session.getTopLevelProject().getBuild().getDirectory());
        String markdown = report.markdown();
        write(target.resolve("platform-image-status.json"), report.json());
        write(target.resolve("platform-image-status.md"), markdown);
        getLog().info("Status written to " + target.resolve("platform-image-status.json") + " and .md");
        String summary = environment().get("GITHUB_STEP_SUMMARY");
        if (summary != null && !summary.isBlank()) {
            try {
                Files.writeString(Path.of(summary), markdown + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                getLog().info("Status appended to the job summary ($GITHUB_STEP_SUMMARY)");
            } catch (IOException e) {
                getLog().warn("Could not append the status to $GITHUB_STEP_SUMMARY: " + e.getMessage());
            }
        }
    }

    private static boolean isPlatformImage(MavenProject project) {
        return "platform-image".equals(project.getPackaging());
    }

    private static Path rowFile(MavenProject project) {
        return Path.of(project.getBuild().getDirectory(), "platform-image", ROW_FILE);
    }

    private static String toJson(StatusRow row) {
        try {
            return JSON.writeValueAsString(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StatusRow read(Path file) {
        try {
            return JSON.readValue(file.toFile(), StatusRow.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
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
