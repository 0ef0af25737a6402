package dev.platformimages.it;

import org.apache.maven.shared.invoker.DefaultInvocationRequest;
import org.apache.maven.shared.invoker.DefaultInvoker;
import org.apache.maven.shared.invoker.InvocationRequest;
import org.apache.maven.shared.invoker.InvocationResult;
import org.apache.maven.shared.invoker.MavenInvocationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A copy of a thin image POM project from src/test/projects, with its @tokens@ filled in, on which the
 * tests run real Maven builds through Maven Invoker. Each copy publishes to its own repository.
 */
final class ImageProject {

    static final String REGISTRY = System.getProperty("it.registry", "127.0.0.1:5000");
    private static final Path PROJECTS = Path.of(System.getProperty("it.projects", "src/test/projects"));
    private static final Path WORK = Path.of(System.getProperty("it.workDirectory", "target/it"));

    /**
     * The JVM options of every Maven run: the client compiler only and the serial collector. A run is a few seconds
     * of start-up, where C2's compiling costs more CPU than it saves (half the CPU of an up-to-date check on 2 cores);
     * what the goals do is the same.
     */
    private static final String MAVEN_OPTS = System.getProperty("it.mavenOpts", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");

    final Path dir;
    final String repository;
    private final Path logs;
    private final Path mavenHome;
    /** How long one Maven run may take before it is killed and its test fails. */
    private final Duration timeout;

    private ImageProject(Path dir, String repository) {
        this(dir, repository, dir.resolveSibling(dir.getFileName() + "-logs"));
    }

    private ImageProject(Path dir, String repository, Path logs) {
        this(dir, repository, logs, Path.of(System.getProperty("maven.home", "/usr/share/maven")));
    }

    private ImageProject(Path dir, String repository, Path logs, Path mavenHome) {
        this(dir, repository, logs, mavenHome, Duration.ofMinutes(10));
    }

    private ImageProject(Path dir, String repository, Path logs, Path mavenHome, Duration timeout) {
        this.dir = dir;
        this.repository = repository;
        this.logs = logs;
        this.mavenHome = mavenHome;
        this.timeout = timeout;
    }

    /**
     * Copies {@code template} for {@code scenario}, building FROM {@code upstream}, with {@code configuration}
     * (more plugin configuration XML, may be empty) in place of {@code @configuration@}.
     */
    static ImageProject copy(String template, String scenario, String upstream, String configuration) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String repository = "it/" + scenario + "-" + id;
        Path dir = WORK.resolve(scenario + "-" + id);
        Map<String, String> tokens = Map.of(
                "@registry@", REGISTRY,
                "@repository@", repository,
                "@upstream@", upstream,
                "@plugin.version@", System.getProperty("it.pluginVersion", "0.1.0-SNAPSHOT"),
                "@configuration@", configuration);
        if (!Files.exists(PROJECTS.resolve(template).resolve("Dockerfile"))) {
            // A template of a POM alone (busybox-untested) builds the busybox image with its test app.
            copyTree(PROJECTS.resolve("busybox-image"), dir, tokens);
        }
        copyTree(PROJECTS.resolve(template), dir, tokens);
        return new ImageProject(dir, repository);
    }

    /**
     * A copy of a folder of this repository (the sample fleet of platform-images/, for one) as a team copies it out,
     * without any target/ folder: each test works in its own copy, so tests on two engines can run at once.
     */
    static ImageProject copyOf(Path folder, String repository) {
        Path dir = WORK.resolve(repository.replace('/', '-'));
        copyTree(folder, dir, Map.of());
        return new ImageProject(dir, repository);
    }

    /** The project in {@code folder} of this project's directory (an image of a copied fleet). */
    ImageProject module(String folder, String repository) {
        return new ImageProject(dir.resolve(folder), repository, WORK.resolve(repository.replace('/', '-') + "-logs"));
    }

    /** This project run by the Maven installed in {@code home} (another Maven version than the one running the ITs). */
    ImageProject withMaven(Path home) {
        return new ImageProject(dir, repository, logs, home, timeout);
    }

    /** This project with {@code timeout} for each Maven run instead of 10 minutes (a reactor of many images). */
    ImageProject withTimeout(Duration timeout) {
        return new ImageProject(dir, repository, logs, mavenHome, timeout);
    }

    /** Another copy of this project's folder (as another CI agent has it) publishing to the same repository. */
    ImageProject sibling() {
        return sibling("sibling");
    }

    /**
     * Another copy of this project's folder, named by {@code agent}, with its own target/: another CI agent's checkout,
     * run by the same Maven with the same timeout.
     */
    ImageProject sibling(String agent) {
        Path copy = dir.resolveSibling(dir.getFileName() + "-" + agent);
        copyTree(dir, copy, Map.of());
        return new ImageProject(copy, repository, copy.resolveSibling(copy.getFileName() + "-logs"), mavenHome, timeout);
    }

    /**
     * Copies the folder {@code source} to {@code target}, without its build output ({@code target/}), replacing
     * {@code tokens} in the pom.xml files.
     */
    private static void copyTree(Path source, Path target, Map<String, String> tokens) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (source.relativize(file).toString().matches("(.*/)?target(/.*)?")) {
                    continue;
                }
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else if (file.getFileName().toString().equals("pom.xml")) {
                    String text = Files.readString(file);
                    for (Map.Entry<String, String> token : tokens.entrySet()) {
                        text = text.replace(token.getKey(), token.getValue());
                    }
                    Files.writeString(to, text);
                } else {
                    Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The result of one Maven run: exit code and everything it printed. */
    static final class Run {
        final int exitCode;
        final String log;

        Run(int exitCode, String log) {
            this.exitCode = exitCode;
            this.log = log;
        }

        boolean succeeded() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + log;
        }
    }

    Run mvn(String goal, String... properties) {
        return mvn(Map.of(), goal, properties);
    }

    /**
     * Runs {@code mvn -B goal -Dk=v...} in the project; {@code goal} may name several, separated by spaces.
     *
     * @param environment extra environment variables (e.g. DOCKER_HOST)
     */
    Run mvn(Map<String, String> environment, String goal, String... properties) {
        return mvn(environment, false, goal, properties);
    }

    /** As {@link #mvn(Map, String, String...)}, with Maven's debug output and stack traces ({@code -X -e}) when {@code debug}. */
    Run mvn(Map<String, String> environment, boolean debug, String goal, String... properties) {
        return mvn(environment, debug, null, goal, properties);
    }

    /** As {@link #mvn(Map, boolean, String, String...)}, with {@code userSettings} as settings.xml when not null. */
    Run mvn(Map<String, String> environment, boolean debug, Path userSettings, String goal, String... properties) {
        StringBuilder log = new StringBuilder();
        InvocationRequest request = new DefaultInvocationRequest()
                .setBaseDirectory(dir.toFile())
                .setPomFile(dir.resolve("pom.xml").toFile())
                .setGoals(List.of(goal.split(" ")))
                .setBatchMode(true)
                .setDebug(debug)
                .setShowErrors(debug)
                .setShellEnvironmentInherited(true)
                .setOutputHandler(line -> log.append(line).append('\n'))
                .setErrorHandler(line -> log.append(line).append('\n'));
        request.setTimeoutInSeconds((int) timeout.toSeconds());
        // On the request: Invoker takes the maven.home system property (this JVM's Maven) over the invoker's own setting.
        request.setMavenHome(mavenHome.toFile());
        request.setMavenOpts(MAVEN_OPTS);
        if (userSettings != null) {
            request.setUserSettingsFile(userSettings.toFile());
        }
        environment.forEach(request::addShellEnvironment);
        Properties props = new Properties();
        for (String property : properties) {
            int eq = property.indexOf('=');
            props.setProperty(property.substring(0, eq), property.substring(eq + 1));
        }
        request.setProperties(props);
        DefaultInvoker invoker = new DefaultInvoker();
        invoker.setMavenHome(mavenHome.toFile());
        try {
            InvocationResult result = invoker.execute(request);
            // Beside the project, not in it: a file in the folder is part of the build context.
            Files.createDirectories(logs);
            Files.writeString(logs.resolve(goal.replace(' ', '+') + "-" + UUID.randomUUID().toString().substring(0, 4) + ".log"), log);
            if (result.getExecutionException() != null) {
                // Killed when it took longer than the timeout: the exit code (Integer.MIN_VALUE) would say nothing.
                log.append("[it] the run did not end: ").append(result.getExecutionException().getMessage())
                        .append(" (timeout ").append(timeout.toSeconds()).append(" s)\n");
            }
            return new Run(result.getExitCode(), log.toString());
        } catch (MavenInvocationException | IOException e) {
            throw new IllegalStateException("could not run Maven in " + dir, e);
        }
    }

    /** The release state the last run of the project wrote (target/platform-image/state.json). */
    com.fasterxml.jackson.databind.JsonNode state() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("target/platform-image/state.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** check-update's decision in the state (UP_TO_DATE, FIRST_VERSION, BASE_CHANGED, ...). */
    String decision() {
        return state().path("reason").asText();
    }

    /** check-update's explanation of its decision in the state. */
    String explanation() {
        return state().path("explanation").asText();
    }

    /** A file of the project's folder. */
    Path file(String path) {
        return dir.resolve(path);
    }

    void edit(String file, String append) {
        try {
            Files.writeString(dir.resolve(file), Files.readString(dir.resolve(file)) + append);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }
}
