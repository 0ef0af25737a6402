package dev.platformimages.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI templates parse as YAML and say what they must: schedules, the force switch mapped to platform.force,
 * OIDC or a service connection for AWS, the webhook secret mapped into the environment, one pipeline per image.
 * (actionlint cannot be installed on this machine; these are the checks of a schema for what the templates use.)
 */
class CiTemplatesTest {

    private static final Path ROOT = Path.of(System.getProperty("it.root", ".."));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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
    void theGitHubWorkflowRunsDailyOnDemandWithForceOverTheReactorsImages() throws IOException {
        JsonNode workflow = read(".github/workflows/platform-images.yml");
        JsonNode on = workflow.has("on") ? workflow.get("on") : workflow.get("true"); // YAML 1.1 reads a bare on as true
        assertTrue(on.path("schedule").get(0).path("cron").asText().matches("\\S+ \\S+ \\* \\* \\*"), "a daily schedule");
        assertEquals("boolean", on.path("workflow_dispatch").path("inputs").path("force").path("type").asText());
        assertEquals("write", workflow.path("permissions").path("id-token").asText(), "OIDC for the AWS role");

        JsonNode jobs = workflow.get("jobs");
        for (JsonNode job : (Iterable<JsonNode>) jobs::elements) {
            assertTrue(job.has("runs-on") && job.get("steps").isArray(), job::toString);
            for (JsonNode step : job.get("steps")) {
                assertTrue(step.has("uses") ^ step.has("run"), "a step either uses an action or runs a command: " + step);
            }
        }
        assertEquals("${{ fromJson(needs.images.outputs.folders) }}", jobs.path("deploy").path("strategy").path("matrix").path("folder").asText());
        assertTrue(jobs.path("images").path("steps").toString().contains("help:evaluate -Dexpression=project.modules"),
                "the matrix comes from the reactor");
        List<JsonNode> deploySteps = new ArrayList<>();
        jobs.path("deploy").path("steps").forEach(deploySteps::add);
        assertTrue(deploySteps.stream().anyMatch(s -> s.path("uses").asText().startsWith("aws-actions/configure-aws-credentials")
                && s.path("with").has("role-to-assume")));
        JsonNode deploy = deploySteps.stream().filter(s -> s.path("run").asText().contains("mvn -B -ntp deploy")).findFirst().orElseThrow();
        assertTrue(deploy.path("run").asText().contains("-Dplatform.force=${{ inputs.force || false }}"), deploy::toString);
        assertEquals("${{ secrets.TEAMS_WEBHOOK_URL }}", deploy.path("env").path("TEAMS_WEBHOOK_URL").asText());
        assertTrue(deploy.path("run").asText().contains("-Dplatform.signing.key=$PLATFORM_SIGNING_KEY"), deploy::toString);
        assertTrue(workflow.path("env").path("PLATFORM_SIGNING_KEY").asText().startsWith("awskms:///"), "a KMS key");
        int verify = -1;
        for (int i = 0; i < deploySteps.size(); i++) {
            if (deploySteps.get(i).path("run").asText().contains("platform-image:verify")) {
                verify = i;
            }
        }
        assertTrue(verify > deploySteps.indexOf(deploy), "the release is verified after the deploy: " + deploySteps);
        assertTrue(jobs.path("status").path("steps").toString().contains("platform-image:status"), "the status table in the summary");
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

    @Test
    void everyParameterAPipelinePassesOrAWorkflowReadsIsDeclaredAndUsed() throws IOException {
        JsonNode template = read("ci/azure-pipelines/platform-image.yml");
        List<String> problems = new ArrayList<>(unusedTemplateParameters(template));
        try (Stream<Path> files = Files.list(ROOT.resolve("ci/azure-pipelines/images"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                problems.addAll(parameterProblems(file.getFileName().toString(), YAML.readTree(file.toFile()), template));
            }
        }
        JsonNode workflow = read(".github/workflows/platform-images.yml");
        problems.addAll(undeclaredInputs(workflow, Files.readString(ROOT.resolve(".github/workflows/platform-images.yml"))));
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

    /** inputs.X read anywhere in the workflow that workflow_dispatch does not declare. */
    private static List<String> undeclaredInputs(JsonNode workflow, String text) {
        JsonNode on = workflow.has("on") ? workflow.get("on") : workflow.get("true");
        List<String> declared = new ArrayList<>();
        on.path("workflow_dispatch").path("inputs").fieldNames().forEachRemaining(declared::add);
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
