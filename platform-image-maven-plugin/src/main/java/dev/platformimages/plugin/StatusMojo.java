package dev.platformimages.plugin;

import dev.platformimages.attest.Predicates;
import dev.platformimages.decision.UpdateDecider;
import dev.platformimages.decision.UpdateDecision;
import dev.platformimages.decision.UpdateReason;
import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.ReferrerStore;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.signing.SigstoreBundle;
import dev.platformimages.status.StatusFiles;
import dev.platformimages.status.StatusReport;
import dev.platformimages.status.StatusRow;
import dev.platformimages.step.StalePackages;
import dev.platformimages.step.UpdateChecker;
import dev.platformimages.version.VersionTag;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
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

    /**
     * As check-update's: a base change younger than this (24h, 90m, 2d, PT24H) is shown as PENDING, with when it is
     * taken, instead of as BASE_CHANGED. 0 (default): none is held back.
     */
    @Parameter(property = DurationParameters.PROPERTY_MIN_BASE_AGE, defaultValue = "0")
    protected String minBaseAge;

    /**
     * Reports, without acting on it, when an upstream base's repository has a newer track than the tag followed (a
     * higher major or minor tag of the same shape: {@code 22-bookworm-slim} while {@code 20-bookworm-slim} is followed,
     * {@code 9.0} while {@code 8.0} is) and when the followed tag has not moved for longer than platform.staleBaseAge.
     * Costs the tag list of each upstream repository (every page) and, for the age, the base image's manifest and
     * config, once per run.
     */
    @Parameter(property = "platform.trackReport", defaultValue = "true")
    protected boolean trackReport;

    /**
     * How long a followed upstream tag may stay on the same image (its build time) before the track report says it may
     * be at its end of life: 90d (default), 180d, 0 for never.
     */
    @Parameter(property = DurationParameters.PROPERTY_STALE_BASE_AGE, defaultValue = "90d")
    protected String staleBaseAge;

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
        if (ReactorImage.isPlatformImage(project)) {
            StatusRow row = check();
            StatusFiles.writeRow(buildDirectory(project), row);
            getLog().info("Status of " + row.image() + ": " + (row.error() != null ? "ERROR " + row.error()
                    : row.decision() + " (" + row.explanation() + ")"));
        } else {
            getLog().info("Skipping status: " + project.getArtifactId() + " is not a platform image (packaging "
                    + project.getPackaging() + ")");
        }
        reportIfLast();
    }

    @Override
    protected void skipped() {
        reportIfLast();
    }

    private void reportIfLast() {
        List<MavenProject> projects = session.getProjects();
        if (projects.isEmpty() || projects.get(projects.size() - 1) != project) {
            return; // the last module of the build reports for all
        }
        List<StatusRow> rows = projects.stream().filter(ReactorImage::isPlatformImage)
                .flatMap(each -> StatusFiles.readRow(buildDirectory(each)).stream()).toList();
        report(new StatusReport(rows, Instant.now()));
    }

    private StatusRow check() {
        ReleaseLog quiet = RecentLog.quiet(getLog());
        try {
            RegistryClient client = hub().registryClient();
            ReleaseState state = new UpdateChecker(client, quiet)
                    .withMinBaseAge(DurationParameters.minBaseAge(minBaseAge), java.time.Clock.systemUTC())
                    .check(definition(), hub().target(), false, null, false, mirrors());
            String packages = null;
            if (state.previousVersionTag != null && packageOptions().inventory()) {
                StalePackages stale = new StalePackages(client, hub().inventories(client),
                        hub().packageSourceCheck(packageOptions()), quiet);
                if (state.reason == UpdateReason.UP_TO_DATE && packageOptions().checkUpdates()) {
                    UpdateDecision decision = new UpdateDecider().checkPackages(new UpdateDecision(UpdateReason.UP_TO_DATE,
                            state.explanation, VersionTag.parse(state.tag, state.previousVersionTag).orElseThrow(), null,
                            List.of()), null, stale.updates(state));
                    state.reason = decision.reason();
                    state.explanation = decision.explanation();
                }
                packages = stale.describe(state);
            }
            Boolean signed = null;
            if (state.previousDigest != null) {
                // Whether a signature bundle refers to it (one request); the verify goal checks it against the key.
                signed = new ReferrerStore(client).find(ImageReference.of(state.registry, state.repository, null)
                                .withDigest(state.previousDigest), SigstoreBundle.MEDIA_TYPE).stream()
                        .anyMatch(a -> Predicates.COSIGN_SIGN.equals(a.annotations().get(SigstoreBundle.PREDICATE_TYPE_ANNOTATION)));
            }
            List<String> tracks = trackReport
                    ? hub().upstreamTracks(hub().registryApi(), DurationParameters.staleBaseAge(staleBaseAge)).report(state) : List.of();
            return new StatusRow(state.imageName(), state.previousVersionTag, state.previousCreated,
                    state.previousBaseDigests, state.baseDigests, state.pending != null ? StatusRow.PENDING : state.reason.name(),
                    state.explanation, null,
                    state.previousPlatforms, state.previousUntested, packages, signed, tracks);
        } catch (ReleaseFailure | RegistryException e) {
            return new StatusRow(registry + "/" + repository, null, null, Map.of(), Map.of(), null, null, e.getMessage());
        }
    }

    private void report(StatusReport report) {
        report.table().forEach(line -> getLog().info(line));
        report.rows().forEach(row -> row.tracks().forEach(line -> getLog().info("Track of " + row.image() + ": " + line)));
        Path json = StatusFiles.writeReport(report, buildDirectory(session.getTopLevelProject()));
        getLog().info("Status written to " + json + " and .md");
        String summary = environment().get("GITHUB_STEP_SUMMARY");
        if (summary != null && !summary.isBlank()) {
            try {
                StatusFiles.appendToJobSummary(report, Path.of(summary));
                getLog().info("Status appended to the job summary ($GITHUB_STEP_SUMMARY)");
            } catch (IOException e) {
                getLog().warn("Could not append the status to $GITHUB_STEP_SUMMARY: " + e.getMessage());
            }
        }
    }

    private static Path buildDirectory(MavenProject project) {
        return Path.of(project.getBuild().getDirectory());
    }
}
