package dev.platformimages.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GitHub workflow on fresh runners, simulated here: a fresh clone of this repository and an empty local Maven
 * repository per job (Maven Central stood in for by this machine's own repository without the plugin in it). The
 * {@code run:} steps of the plan job, then of one release job of wave 1, run in order as the workflows have them
 * ({@link WorkflowRunner}), with the registry pointed at the local one, the stand-ins' mirrors and a local signing key:
 * the plugin is built by the first job and restored from the cache by the second, the plan is made, busybox is released
 * and verified. Then the other way the manual documents: the plugin published to an organisation's Maven repository
 * and resolved from there by a runner that never built it; and without either, a fresh runner stops at the plugin.
 */
class FreshRunnerIT {

    private static final Path ROOT = Path.of(System.getProperty("it.root", "..")).toAbsolutePath().normalize();
    private static final Path WORK = Path.of(System.getProperty("it.workDirectory", "target/it")).toAbsolutePath();
    private static final String PLUGIN = "dev/platformimages/platform-image-maven-plugin";

    @Test
    void thePlanJobAndAReleaseJobRunAsWrittenOnFreshRunners() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Path work = Files.createDirectories(WORK.resolve("fresh-runner-" + id));
        Path repo = work.resolve("repo");
        run(work, "git", "clone", "--quiet", ROOT.toString(), repo.toString());
        String namespace = "it-fresh-" + id;
        Path settings = centralWithoutThePlugin(work);
        // What each job's runner has: the registry, the stand-ins' mirrors and the namespace as the ITs set them.
        Files.createDirectories(repo.resolve(".mvn"));
        Files.writeString(repo.resolve(".mvn/maven.config"), String.join("\n", "-s", settings.toString(), "-DstandIns=true",
                "-Dplatform.namespace=" + namespace) + "\n");
        Path key = TestKeys.p256(work, "release");
        Map<String, String> runner = Map.of("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        WorkflowRunner github = new WorkflowRunner(repo, runner);

        JsonNode workflow = WorkflowRunner.YAML.readTree(repo.resolve(".github/workflows/platform-images.yml").toFile());
        Map<String, String> env = WorkflowRunner.env(workflow, Map.of("PLATFORM_REGISTRY", ImageProject.REGISTRY));
        ObjectNode scheduled = WorkflowRunner.YAML.createObjectNode();
        scheduled.putObject("inputs");
        scheduled.putObject("secrets");
        Path planRepository = work.resolve("m2-plan-job");
        WorkflowRunner.Job plan = github.run(workflow.path("jobs").path("plan"), scheduled, env, planRepository);

        assertTrue(plan.ran().contains("Build and install the plugin (not cached yet)"), github::log);
        assertTrue(Files.isDirectory(planRepository.resolve(PLUGIN)), "the plan job built the plugin\n" + github.log());
        JsonNode planFile = WorkflowRunner.YAML.readTree(repo.resolve("platform-images/target/platform-image/plan.json").toFile());
        assertEquals(10, planFile.path("due").asInt(), planFile::toString);
        ObjectNode planOutputs = WorkflowRunner.YAML.createObjectNode();
        ObjectNode planContext = scheduled.deepCopy();
        planContext.set("steps", plan.steps());
        workflow.path("jobs").path("plan").path("outputs").fields().forEachRemaining(o ->
                planOutputs.set(o.getKey(), CiExpressions.interpolate(o.getValue().asText(), planContext)));
        ObjectNode afterPlan = scheduled.deepCopy();
        afterPlan.putObject("needs").putObject("plan").set("outputs", planOutputs);

        JsonNode wave1 = workflow.path("jobs").path("wave1");
        assertTrue(CiExpressions.truthy(CiExpressions.evaluate(wave1.path("if").asText(), afterPlan)), planOutputs::toString);
        JsonNode busybox = null;
        for (JsonNode entry : CiExpressions.interpolate(wave1.path("strategy").path("matrix").path("include").asText(), afterPlan)) {
            if (entry.path("folder").asText().equals("busybox")) {
                busybox = entry;
            }
        }
        assertTrue(busybox != null, "busybox is in wave 1: " + planOutputs);
        ObjectNode matrixContext = afterPlan.deepCopy();
        matrixContext.set("matrix", busybox);
        ObjectNode inputs = WorkflowRunner.YAML.createObjectNode();
        wave1.path("with").fields().forEachRemaining(w -> inputs.set(w.getKey(), CiExpressions.interpolate(w.getValue().asText(), matrixContext)));
        JsonNode release = WorkflowRunner.YAML.readTree(repo.resolve(wave1.path("uses").asText()).toFile());
        ObjectNode called = WorkflowRunner.YAML.createObjectNode();
        called.set("inputs", inputs);
        called.putObject("secrets"); // no TEAMS_WEBHOOK_URL secret: GitHub passes an empty string
        Map<String, String> releaseEnv = WorkflowRunner.env(release, Map.of("PLATFORM_REGISTRY", ImageProject.REGISTRY,
                "PLATFORM_SIGNING_KEY", key.toString()));
        Path releaseRepository = work.resolve("m2-release-job");
        WorkflowRunner.Job deploy = github.run(release.path("jobs").path("deploy"), called, releaseEnv, releaseRepository);

        Files.writeString(work.resolve("workflow-run.log"), github.log()); // what the simulated runners did, for a person
        assertTrue(deploy.skipped().contains("Build and install the plugin (not cached yet)"), "restored from the cache\n" + github.log());
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "latest"), LocalRegistry.tags(namespace + "/busybox"), github::log);
        assertTrue(github.log().contains("Verified"), "the verify step ran\n" + github.log());
        assertEquals(List.of(), LocalRegistry.tags(namespace + "/node-20"), "only the job run released anything");

        // Without the plugin built and without an organisation's repository, a fresh runner stops at the plugin.
        ImageProject.Run bare = maven(repo.resolve("platform-images"), work.resolve("m2-bare"), "platform-image:plan",
                "-Dplatform.registry=" + ImageProject.REGISTRY);
        assertFalse(bare.succeeded(), bare::toString);
        assertTrue(bare.log.contains("dev.platformimages:platform-image-maven-plugin"), bare::toString);

        // The other way: published to the organisation's repository, as the manual says, and resolved from there by a
        // fleet whose parent POM names that repository (the manual's snippet, with this test's file:// URL).
        Path organisation = work.resolve("org-maven-repository");
        ImageProject.Run publish = maven(repo, planRepository, "deploy", "-DskipTests", "-pl", "platform-image-maven-plugin",
                "-am", "-Dmaven.deploy.skip=false", "-DaltDeploymentRepository=platform-plugins::" + organisation.toUri());
        assertTrue(publish.succeeded(), publish::toString);
        Path parent = repo.resolve("platform-images/pom.xml");
        String repository = "\n  <pluginRepositories>\n    <pluginRepository>\n      <id>platform-plugins</id>\n      <url>"
                + organisation.toUri() + "</url>\n      <snapshots><enabled>true</enabled></snapshots>\n    </pluginRepository>\n"
                + "  </pluginRepositories>\n";
        Files.writeString(parent, Files.readString(parent).replace("\n  <build>\n", repository + "\n  <build>\n"));
        Path orgRepository = work.resolve("m2-org-runner");
        ImageProject.Run fromOrganisation = maven(repo.resolve("platform-images"), orgRepository, "platform-image:plan",
                "-Dplatform.registry=" + ImageProject.REGISTRY);
        assertTrue(fromOrganisation.succeeded(), fromOrganisation::toString);
        try (Stream<Path> files = Files.walk(orgRepository.resolve(PLUGIN))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".jar")), "resolved from the organisation's repository");
        }
        try (Stream<Path> files = Files.list(orgRepository.resolve(PLUGIN).resolve("0.1.0-SNAPSHOT"))) {
            assertTrue(files.filter(f -> !f.getFileName().toString().endsWith(".jar")).anyMatch(f -> read(f).contains("platform-plugins")),
                    "Maven records the repository it came from: platform-plugins");
        }
        JsonNode again = WorkflowRunner.YAML.readTree(repo.resolve("platform-images/target/platform-image/plan.json").toFile());
        assertEquals(9, again.path("due").asInt(), "busybox is released: " + again);
    }

    /**
     * A settings.xml whose mirror serves this machine's Maven repository as Maven Central, without the plugin (as
     * Central has it), and lets the organisation's repository (platform-plugins) through.
     */
    private static Path centralWithoutThePlugin(Path work) throws IOException {
        Path local = Path.of(System.getProperty("user.home"), ".m2", "repository");
        Path central = Files.createDirectories(work.resolve("central"));
        try (Stream<Path> groups = Files.list(local)) {
            for (Path group : (Iterable<Path>) groups::iterator) {
                if (!group.getFileName().toString().equals("dev")) {
                    Files.createSymbolicLink(central.resolve(group.getFileName().toString()), group);
                }
            }
        }
        try (Stream<Path> groups = Files.list(local.resolve("dev"))) {
            Files.createDirectories(central.resolve("dev"));
            for (Path group : (Iterable<Path>) groups::iterator) {
                if (!group.getFileName().toString().equals("platformimages")) {
                    Files.createSymbolicLink(central.resolve("dev").resolve(group.getFileName().toString()), group);
                }
            }
        }
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>central-stand-in</id>
                      <mirrorOf>*,!platform-plugins</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(central.toUri()));
        return settings;
    }

    private static ImageProject.Run maven(Path directory, Path repository, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("mvn", "-B", "-ntp"));
        command.addAll(List.of(args));
        ProcessBuilder mvn = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        mvn.environment().put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dmaven.repo.local=" + repository);
        Process process = mvn.start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new ImageProject.Run(process.waitFor(), out);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static void run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
    }
}
