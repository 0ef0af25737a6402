package dev.platformimages.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs a GitHub Actions job of this repository's workflows on this machine as a fresh runner would: its {@code run:}
 * steps in order, each with bash in its working directory, its {@code if:} and {@code ${{ }}} evaluated
 * ({@link CiExpressions}), its {@code $GITHUB_OUTPUT} read into {@code steps.ID.outputs}, and the steps of a local
 * composite action ({@code uses: ./...}) in its place. The steps of actions from the marketplace are stood in for:
 * {@code actions/cache} by a cache kept in this object (restored before, saved after the job, as between runners),
 * the others (checkout, setup-java, the AWS actions) by what the test set up. Every step's output goes to the log.
 */
final class WorkflowRunner {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path workspace;
    private final Map<String, String> environment;
    private final Map<String, Path> cache = new HashMap<>();
    private final StringBuilder log = new StringBuilder();

    /**
     * @param workspace   the checked-out repository
     * @param environment what the runner's environment has besides the workflow's env (PATH, DOCKER_HOST...)
     */
    WorkflowRunner(Path workspace, Map<String, String> environment) {
        this.workspace = workspace;
        this.environment = environment;
    }

    /** The result of a job: its steps' outputs by step id, the run steps it ran and skipped. */
    record Job(ObjectNode steps, List<String> ran, List<String> skipped) {
    }

    /**
     * Runs {@code job} with {@code context} (inputs, needs, secrets, matrix) and the workflow-level {@code env}; the
     * local Maven repository of this runner is {@code mavenRepository} (empty on a fresh runner).
     */
    Job run(JsonNode job, ObjectNode context, Map<String, String> env, Path mavenRepository) throws Exception {
        ObjectNode steps = YAML.createObjectNode();
        ObjectNode jobContext = context.deepCopy();
        jobContext.set("steps", steps);
        ObjectNode envContext = jobContext.putObject("env");
        env.forEach(envContext::put);
        List<String> ran = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Runnable> post = new ArrayList<>();
        for (JsonNode step : job.path("steps")) {
            runStep(step, jobContext, env, mavenRepository, ran, skipped, post);
        }
        post.forEach(Runnable::run);
        return new Job(steps, ran, skipped);
    }

    String log() {
        return log.toString();
    }

    private void runStep(JsonNode step, ObjectNode context, Map<String, String> env, Path mavenRepository, List<String> ran,
                         List<String> skipped, List<Runnable> post) throws Exception {
        String name = step.path("name").asText(step.has("run") ? step.path("run").asText() : step.path("uses").asText());
        if (step.has("if") && !CiExpressions.truthy(CiExpressions.evaluate(unwrap(step.path("if").asText()), context))) {
            skipped.add(name);
            log.append("== skipped (if: ").append(step.path("if").asText()).append("): ").append(name).append('\n');
            return;
        }
        ObjectNode outputs = YAML.createObjectNode();
        String uses = step.path("uses").asText();
        if (uses.startsWith("./")) {
            JsonNode action = YAML.readTree(workspace.resolve(uses).resolve("action.yml").toFile());
            for (JsonNode inner : action.path("runs").path("steps")) {
                runStep(inner, context, env, mavenRepository, ran, skipped, post);
            }
        } else if (uses.startsWith("actions/cache@")) {
            String path = step.path("with").path("path").asText();
            Path local = path.startsWith("~/.m2/repository/")
                    ? mavenRepository.resolve(path.substring("~/.m2/repository/".length())) : workspace.resolve(path);
            String key = step.path("with").path("key").asText(); // the same expression: the same key while the files are
            Path saved = cache.get(key);
            if (saved != null) {
                copy(saved, local);
                outputs.put("cache-hit", "true");
                log.append("== actions/cache: restored ").append(path).append('\n');
            } else {
                log.append("== actions/cache: no entry for ").append(path).append('\n');
                post.add(() -> {
                    Path store = workspace.resolveSibling("cache-" + cache.size());
                    copy(local, store);
                    cache.put(key, store);
                    log.append("== actions/cache: saved ").append(path).append('\n');
                });
            }
        } else if (!uses.isEmpty()) {
            log.append("== stood in for by the test's set-up: ").append(uses).append('\n');
        } else {
            runCommand(step, context, env, mavenRepository, outputs);
            ran.add(name);
        }
        if (step.has("id")) {
            ((ObjectNode) context.path("steps")).putObject(step.path("id").asText()).set("outputs", outputs);
        }
    }

    private void runCommand(JsonNode step, ObjectNode context, Map<String, String> env, Path mavenRepository,
                            ObjectNode outputs) throws Exception {
        String command = CiExpressions.text(CiExpressions.interpolate(step.path("run").asText(), context));
        Path directory = step.has("working-directory")
                ? workspace.resolve(CiExpressions.text(CiExpressions.interpolate(step.path("working-directory").asText(), context)))
                : workspace;
        Path output = Files.createTempFile(workspace.getParent(), "github-output", "");
        Path summary = workspace.resolveSibling("github-step-summary.md");
        ProcessBuilder bash = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", command).directory(directory.toFile())
                .redirectErrorStream(true);
        Map<String, String> processEnv = bash.environment();
        processEnv.putAll(environment);
        processEnv.putAll(env);
        processEnv.put("GITHUB_OUTPUT", output.toString());
        processEnv.put("GITHUB_STEP_SUMMARY", summary.toString());
        processEnv.put("GITHUB_WORKSPACE", workspace.toString());
        processEnv.put("MAVEN_OPTS", processEnv.getOrDefault("MAVEN_OPTS", "") + " -Dmaven.repo.local=" + mavenRepository);
        step.path("env").fields().forEachRemaining(e -> processEnv.put(e.getKey(),
                CiExpressions.text(CiExpressions.interpolate(e.getValue().asText(), context))));
        log.append("== run (in ").append(workspace.relativize(directory)).append("): ").append(command).append('\n');
        Process process = bash.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = process.waitFor(15, TimeUnit.MINUTES);
        log.append(out);
        assertEquals(0, done ? process.exitValue() : -1, () -> "the step failed: " + command + "\n" + log);
        for (String line : Files.readAllLines(output)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                outputs.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
    }

    /** {@code if:} may be written with or without {@code ${{ }}}. */
    private static String unwrap(String expression) {
        String trimmed = expression.trim();
        return trimmed.startsWith("${{") && trimmed.endsWith("}}") ? trimmed.substring(3, trimmed.length() - 2).trim() : trimmed;
    }

    /** The workflow's env, with {@code overrides} (the local registry, a local key) in place of its values. */
    static Map<String, String> env(JsonNode workflow, Map<String, String> overrides) {
        Map<String, String> env = new LinkedHashMap<>();
        workflow.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        env.putAll(overrides);
        return env;
    }

    static void copy(Path from, Path to) {
        try (var files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
