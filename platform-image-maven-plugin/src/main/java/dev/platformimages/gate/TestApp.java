package dev.platformimages.gate;

import dev.platformimages.dockerfile.BuildStage;
import dev.platformimages.dockerfile.Dockerfile;
import dev.platformimages.image.ImageReference;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.step.ImageDefinition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A test application built FROM the image under test, run, and probed over HTTP. It gets the image under test
 * either through a build arg ({@code baseImageArg}, the default style) or by having the FROM that names
 * {@code replaceFrom} rewritten in a copy of its Dockerfile (the seeds' style, done right: never in the source
 * tree, and only in the stage that uses that image).
 */
public final class TestApp {

    /** Given to the base image arg while checking that the test app is really built on the image under test. */
    private static final String PROBE_IMAGE = "platform-image-under-test.invalid/probe:check";
    private static final Pattern FROM_LINE = Pattern.compile("^(\\s*FROM\\s+(?:--\\S+\\s+)*)(\\S+)(.*)$", Pattern.CASE_INSENSITIVE);

    final String name;
    /** How errors name this app's configuration, e.g. {@code integrationTests[1] (orders-api)}. */
    final String where;
    final Path dockerfile;
    final Path context;
    final String baseImageArg;
    final String replaceFrom;
    final Map<String, String> buildArgs;
    final int port;
    final HttpCheck check;
    final Duration timeout;
    final boolean waitForHealthy;

    public TestApp(String name, String where, Path dockerfile, Path context, String baseImageArg, String replaceFrom,
                   Map<String, String> buildArgs, int port, HttpCheck check, Duration timeout, boolean waitForHealthy) {
        this.name = name;
        this.where = where;
        this.dockerfile = dockerfile;
        this.context = context;
        this.baseImageArg = baseImageArg == null || baseImageArg.isBlank() ? "PLATFORM_IMAGE" : baseImageArg.trim();
        this.replaceFrom = replaceFrom == null || replaceFrom.isBlank() ? null : replaceFrom.trim();
        this.buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
        this.port = port;
        this.check = check;
        this.timeout = timeout;
        this.waitForHealthy = waitForHealthy;
        if (port < 1 || port > 65535) {
            throw new ReleaseFailure(where + ".port is " + port + ": use the port the app listens on (1-65535)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ReleaseFailure(where + ".timeoutSeconds must be positive");
        }
    }

    /** The name the log and notifications use. */
    public String name() {
        return name;
    }

    /**
     * Checks the test app before anything is built: its Dockerfile exists and builds FROM the image under test
     * (through the build arg, or a FROM that {@code replaceFrom} names).
     */
    public void validate() {
        if (!Files.isRegularFile(dockerfile)) {
            throw new ReleaseFailure(where + ".dockerfile " + dockerfile + " does not exist");
        }
        if (replaceFrom != null) {
            replacedStages(parse(buildArgs));
            return;
        }
        Map<String, String> args = new HashMap<>(buildArgs);
        args.put(baseImageArg, PROBE_IMAGE);
        if (parse(args).stages().stream().noneMatch(s -> s.from().equals(PROBE_IMAGE))) {
            throw new ReleaseFailure(where + ".dockerfile " + dockerfile + " has no FROM that uses ARG " + baseImageArg
                    + " (" + where + ".baseImageArg): the app would not run on the image under test. Declare 'ARG "
                    + baseImageArg + "' before the first FROM and write 'FROM ${" + baseImageArg + "}', or name the FROM "
                    + "image to replace with " + where + ".replaceFrom");
        }
    }

    /** The build args of the test app's build: with the image under test in the base arg (build-arg style). */
    Map<String, String> buildArgsFor(String imageUnderTest) {
        Map<String, String> args = new HashMap<>(buildArgs);
        if (replaceFrom == null) {
            args.put(baseImageArg, imageUnderTest);
        }
        return args;
    }

    /**
     * The Dockerfile to build: the app's own, or (with {@code replaceFrom}) a copy in {@code workDirectory} whose
     * matching FROM lines name {@code imageUnderTest}. Logs each replaced line through {@code log}.
     */
    Path dockerfileFor(String imageUnderTest, Path workDirectory, ReleaseLog log) {
        if (replaceFrom == null) {
            return dockerfile;
        }
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(dockerfile));
            for (BuildStage stage : replacedStages(parse(buildArgs))) {
                int index = stage.line() - 1;
                Matcher from = FROM_LINE.matcher(lines.get(index));
                if (!from.matches() || from.group(3).strip().endsWith("\\") || from.group(3).strip().endsWith("`")) {
                    throw new ReleaseFailure(where + ".replaceFrom: the FROM at line " + stage.line() + " of " + dockerfile
                            + " spans several lines; write it on one line to have it replaced");
                }
                lines.set(index, from.group(1) + imageUnderTest + from.group(3));
                log.info("Test app " + name + ": line " + stage.line() + " now reads '" + lines.get(index).strip() + "'"
                        + (stage.name().isPresent() ? " (stage " + stage.name().get() + ")" : ""));
            }
            Path copy = Files.createDirectories(workDirectory).resolve("Dockerfile");
            Files.write(copy, lines);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test app's Dockerfile copy in " + workDirectory, e);
        }
    }

    private Dockerfile parse(Map<String, String> args) {
        try {
            return new ImageDefinition(dockerfile, context, Set.of(), args).parse();
        } catch (ReleaseFailure e) {
            throw new ReleaseFailure(where + ": " + e.getMessage(), e);
        }
    }

    /** The stages whose FROM names {@code replaceFrom}, exactly or in canonical form (node:20 = docker.io/library/node:20). */
    private List<BuildStage> replacedStages(Dockerfile parsed) {
        List<BuildStage> matches = parsed.stages().stream()
                .filter(s -> !s.fromEarlierStage() && sameImage(s.from(), replaceFrom))
                .collect(Collectors.toList());
        if (matches.isEmpty()) {
            throw new ReleaseFailure(where + ".replaceFrom '" + replaceFrom + "' matches no FROM of " + dockerfile + " (its FROM lines: "
                    + parsed.stages().stream().map(s -> "line " + s.line() + ": " + s.from()).collect(Collectors.joining(", ")) + ")");
        }
        return matches;
    }

    private static boolean sameImage(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            return ImageReference.parse(a).toString().equals(ImageReference.parse(b).toString());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
