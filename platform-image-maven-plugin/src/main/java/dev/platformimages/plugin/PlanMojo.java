package dev.platformimages.plugin;

import dev.platformimages.dockerfile.DockerfileException;
import dev.platformimages.dockerfile.UpstreamUse;
import dev.platformimages.image.ImageReference;
import dev.platformimages.plan.FleetPlan;
import dev.platformimages.plan.PlanFiles;
import dev.platformimages.plan.PlanRow;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.version.Bump;
import dev.platformimages.version.VersionTag;
import org.apache.maven.plugin.MavenPluginManager;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.PluginConfigurationException;
import org.apache.maven.plugin.PluginContainerException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decides the whole fleet in one run, without a Docker engine and without changing anything: run over a reactor
 * ({@code mvn platform-image:plan} in the folder of the images' parent), it decides every image in one execution, each
 * with check-update's configuration of that image (its parameters as its own check-update would have them, the
 * reactor's read-ahead, {@code platform.force} and the others given with -D), and writes the plan: the due images with
 * their reason and next version, in waves, where an image built FROM a due image of the reactor comes in a later wave
 * and is due itself (its base gets a new version first). Images that are not due are counted, not listed, except those
 * whose base change platform.minBaseAge holds back (pending). Written to {@code target/platform-image/plan.json}
 * under the reactor root; as GitHub Actions step outputs ({@code due}, {@code waves}, {@code wave1}.. each a matrix)
 * and job summary when {@code $GITHUB_OUTPUT} and {@code $GITHUB_STEP_SUMMARY} are set; as Azure Pipelines output
 * variables (the same names, each wave a matrix object) when run by an Azure agent ({@code TF_BUILD}). An image that
 * cannot be checked is planned with the reason CHECK_FAILED, so that its build job runs and reports why; the goal
 * itself does not fail for it.
 */
@Mojo(name = "plan", aggregator = true, threadSafe = true)
public class PlanMojo extends AbstractDecidingMojo {

    /**
     * The number of wave jobs the CI workflow has: the outputs {@code wave1} to {@code waveN} are always written
     * (empty waves as {@code []}/{@code {}}), and a plan of more waves (a deeper chain of images built FROM each
     * other) fails, naming the chain, after writing plan.json. 0: as many waves as the plan has.
     */
    @Parameter(property = "platform.maxWaves", defaultValue = "0")
    protected int maxWaves;

    /**
     * Reports, without acting on it, when an upstream base's repository has a newer track than the tag followed (a
     * higher major or minor tag of the same shape: {@code 22-bookworm-slim} while {@code 20-bookworm-slim} is followed,
     * {@code 9.0} while {@code 8.0} is) and when the followed tag has not moved for longer than platform.staleBaseAge,
     * in the plan's {@code tracks}. Costs the tag list of each upstream repository (every page) and, for the age, the
     * base image's manifest and config, once per run whatever the number of images.
     */
    @Parameter(property = "platform.trackReport", defaultValue = "true")
    protected boolean trackReport;

    /**
     * How long a followed upstream tag may stay on the same image (its build time) before the track report says it may
     * be at its end of life: 90d (default), 180d, 0 for never.
     */
    @Parameter(property = DurationParameters.PROPERTY_STALE_BASE_AGE, defaultValue = "90d")
    protected String staleBaseAge;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    protected MojoExecution mojoExecution;

    @Component
    protected MavenPluginManager pluginManager;

    @Override
    protected ReleaseStep step() {
        return ReleaseStep.PLAN;
    }

    @Override
    protected String goal() {
        return "plan";
    }

    @Override
    protected boolean usesNotifications() {
        return false;
    }

    @Override
    protected void run() throws MojoFailureException {
        if (maxWaves < 0) {
            throw new ReleaseFailure("platform.maxWaves is " + maxWaves + ": give the number of wave jobs of the workflow, "
                    + "or 0 for no limit");
        }
        DurationParameters.staleBaseAge(staleBaseAge); // a bad value fails before anything is read
        ImageCheckConfigurator configurator = new ImageCheckConfigurator(pluginManager, session, mojoExecution);
        List<MavenProject> images = session.getProjects().stream().filter(ReactorImage::isPlatformImage).toList();
        // The images are decided on every core: each decision is its own (nothing is published during a plan).
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), images.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "platform-image-plan");
            thread.setDaemon(true);
            return thread;
        });
        List<PlanRow> rows = new ArrayList<>();
        try {
            List<Future<java.util.Optional<PlanRow>>> decisions = new ArrayList<>();
            for (MavenProject image : images) {
                decisions.add(pool.submit(() -> decide(image, configurator)));
            }
            for (Future<java.util.Optional<PlanRow>> decision : decisions) {
                decision.get().ifPresent(rows::add); // in reactor order
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReleaseFailure("the plan was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new ReleaseFailure(e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        report(FleetPlan.of(rows, force, Instant.now()));
    }

    /** The image's row, decided with its own check-update's configuration; empty when it is skipped. */
    private java.util.Optional<PlanRow> decide(MavenProject image, ImageCheckConfigurator configurator) {
        String folder = folder(image);
        ImageCheckConfigurator.Configured configured;
        try {
            configured = configurator.configure(image);
        } catch (PluginConfigurationException | PluginContainerException | RuntimeException e) {
            String name = image.getArtifactId();
            getLog().warn("Plan for " + name + ": its configuration cannot be read: " + e.getMessage());
            return java.util.Optional.of(PlanRow.failed(folder, name, List.of(), "its configuration cannot be read: "
                    + e.getMessage()));
        }
        try {
            CheckUpdateMojo check = configured.mojo();
            if (check.skip) {
                getLog().info("Plan for " + image.getArtifactId() + ": skipped (" + PROPERTY_SKIP + "=true)");
                return java.util.Optional.empty();
            }
            PlanRow row = decideRow(check, folder);
            getLog().info("Plan for " + row.image() + ": " + (row.error() != null ? "CHECK_FAILED " + row.error()
                    : row.pending() != null ? "PENDING (" + row.pending() + ")"
                    : "UP_TO_DATE".equals(row.reason()) ? "UP_TO_DATE (" + row.previous() + ")"
                    : row.reason() + " (" + row.explanation() + ")"));
            return java.util.Optional.of(row);
        } finally {
            configurator.release(configured);
        }
    }

    private PlanRow decideRow(CheckUpdateMojo check, String folder) {
        ReleaseLog quiet = RecentLog.quiet(getLog());
        try {
            ReleaseState state = check.decide(quiet);
            List<String> bases = new ArrayList<>();
            state.baseDigests.keySet().forEach(base -> bases.add(ImageReference.parse(base).name()));
            List<String> tracks = trackReport ? check.hub().upstreamTracks(check.hub().registryApi(),
                    DurationParameters.staleBaseAge(staleBaseAge)).report(state) : List.of();
            return new PlanRow(folder, state.imageName(), state.reason.name(), state.explanation, state.previousVersionTag,
                    state.versionTag, cascadeVersion(state, check), bases, state.platforms, null, state.pending,
                    state.pendingUntil, tracks);
        } catch (ReleaseFailure | RegistryException | UncheckedIOException e) {
            return PlanRow.failed(folder, check.registry + "/" + check.repository, readableBases(check), e.getMessage());
        }
    }

    /** The version a release due to a base of the reactor would get: the patch, or platform.bump. */
    private static String cascadeVersion(ReleaseState state, CheckUpdateMojo check) {
        if (state.previousVersionTag == null) {
            return null;
        }
        Bump applied = check.parsedBump() != null ? check.parsedBump() : Bump.PATCH;
        return VersionTag.parse(state.tag, state.previousVersionTag)
                .map(v -> new VersionTag(v.prefix(), v.version().bump(applied)).tag()).orElse(null);
    }

    /** The images an unreadable check's Dockerfile names, as far as it can be read: for its place in the waves. */
    private static List<String> readableBases(CheckUpdateMojo check) {
        Set<String> bases = new LinkedHashSet<>();
        try {
            for (UpstreamUse use : check.definition().parse().upstreamUses()) {
                try {
                    bases.add(ImageReference.parse(use.image()).name());
                } catch (IllegalArgumentException e) {
                    // the build job's check names the line
                }
            }
        } catch (ReleaseFailure | DockerfileException | UncheckedIOException e) {
            // the same
        }
        return List.copyOf(bases);
    }

    private void report(FleetPlan plan) throws MojoFailureException {
        plan.lines().forEach(line -> getLog().info(line));
        Path file = PlanFiles.writePlan(plan, Path.of(session.getTopLevelProject().getBuild().getDirectory()));
        getLog().info("Plan written to " + file);
        String output = environment().get("GITHUB_OUTPUT");
        String summary = environment().get("GITHUB_STEP_SUMMARY");
        try {
            if (output != null && !output.isBlank()) {
                PlanFiles.appendGithubOutputs(plan.githubOutputs(maxWaves), Path.of(output));
                getLog().info("Plan written to the step's outputs ($GITHUB_OUTPUT): due, waves, wave1..wave"
                        + Math.max(maxWaves, plan.waves().size()));
            }
            if (summary != null && !summary.isBlank()) {
                PlanFiles.appendSummary(plan.markdown(), Path.of(summary));
            }
        } catch (IOException e) {
            throw new ReleaseFailure("cannot write the plan to the GitHub Actions outputs: " + e.getMessage(), e);
        }
        if (environment().containsKey("TF_BUILD")) {
            // The agent reads logging commands from the start of a line of stdout, which Maven's log would prefix.
            System.out.print(PlanFiles.azureCommands(plan.azureVariables(maxWaves)));
            System.out.flush();
        }
        if (maxWaves > 0 && plan.waves().size() > maxWaves) {
            throw new MojoFailureException("The plan has " + plan.waves().size() + " waves, more than the workflow's "
                    + maxWaves + " wave jobs (platform.maxWaves): wave " + plan.waves().size() + " builds "
                    + plan.waves().get(plan.waves().size() - 1).get(0).folder() + " after "
                    + String.join(", ", plan.waves().get(plan.waves().size() - 1).get(0).after())
                    + ". Add wave jobs to the workflow and raise platform.maxWaves, or run the workflow again after this one "
                    + "(the images of the first " + maxWaves + " waves are released by then)");
        }
    }

    private String folder(MavenProject each) {
        Path root = session.getTopLevelProject().getBasedir().toPath();
        String relative = root.relativize(each.getBasedir().toPath()).toString().replace('\\', '/');
        return relative.isEmpty() ? "." : relative;
    }
}
