package dev.platformimages.step;

import dev.platformimages.context.BuildContext;
import dev.platformimages.dockerfile.Dockerfile;
import dev.platformimages.dockerfile.DockerfileException;
import dev.platformimages.dockerfile.DockerfileParser;
import dev.platformimages.release.ReleaseFailure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What an image is built from: its Dockerfile, build context folder and build args. */
public final class ImageDefinition {

    private final Path dockerfile;
    private final Path contextDirectory;
    private final Set<Path> excluded;
    private final Map<String, String> buildArgs;
    private final List<String> platforms;

    /**
     * @param excluded paths never sent to the engine nor hashed (the Maven build folder, the module's POM)
     */
    public ImageDefinition(Path dockerfile, Path contextDirectory, Set<Path> excluded, Map<String, String> buildArgs) {
        this(dockerfile, contextDirectory, excluded, buildArgs, List.of());
    }

    /** @param platforms the platforms built (platform.platforms); empty: the engine's own, one image, no index */
    public ImageDefinition(Path dockerfile, Path contextDirectory, Set<Path> excluded, Map<String, String> buildArgs,
                           List<String> platforms) {
        this.platforms = List.copyOf(platforms);
        this.dockerfile = dockerfile;
        this.contextDirectory = contextDirectory;
        this.excluded = Set.copyOf(excluded);
        this.buildArgs = buildArgs == null ? Map.of() : new LinkedHashMap<>(buildArgs);
        if (!Files.isRegularFile(dockerfile)) {
            throw new ReleaseFailure("dockerfile " + dockerfile + " does not exist: put a Dockerfile in the module folder "
                    + "or point <dockerfile> (property platform.dockerfile) at one");
        }
        if (!Files.isDirectory(contextDirectory)) {
            throw new ReleaseFailure("contextDirectory " + contextDirectory + " is not a folder: point <contextDirectory> "
                    + "(property platform.contextDirectory) at the build context");
        }
        this.buildArgs.forEach((k, v) -> {
            if (k == null || !k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ReleaseFailure("buildArgs has an entry named '" + k + "': build arg names are letters, digits and _");
            }
        });
    }

    public Dockerfile parse() {
        Dockerfile parsed;
        try {
            parsed = new DockerfileParser().parse(Files.readString(dockerfile), buildArgs);
        } catch (DockerfileException e) {
            throw new ReleaseFailure("Dockerfile " + dockerfile + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ReleaseFailure("cannot read Dockerfile " + dockerfile + ": " + e.getMessage(), e);
        }
        if (!parsed.buildKitOnly().isEmpty()) {
            throw new ReleaseFailure("Dockerfile " + dockerfile + " uses what only BuildKit builds (" + String.join("; ",
                    parsed.buildKitOnly()) + "): the plugin builds with the Docker Engine API's classic builder, which "
                    + "refuses it. Write those lines without it: a RUN without --mount (a cache mount only speeds builds; "
                    + "a secret mount: a build arg is no place for a secret, fetch it in a multi-stage build), a plain "
                    + "COPY or ADD instead of --link/--parents/--exclude/--checksum, a RUN with && or a COPY of a script "
                    + "instead of a heredoc (the manual: Engines)");
        }
        return parsed;
    }

    public BuildContext context() {
        return new BuildContext(contextDirectory, dockerfile, excluded);
    }

    /** Over the Dockerfile, build args, context files and, when set, the platforms: another platform list is another image. */
    public String definitionHash() {
        Map<String, String> hashed = new LinkedHashMap<>(buildArgs);
        if (!platforms.isEmpty()) {
            hashed.put("#platforms", String.join(",", platforms)); // no build arg can have this name
        }
        return context().definitionHash(hashed);
    }

    /** The platforms built; empty: the engine's own. */
    public List<String> platforms() {
        return platforms;
    }

    public Path dockerfile() {
        return dockerfile;
    }

    public Map<String, String> buildArgs() {
        return buildArgs;
    }
}
