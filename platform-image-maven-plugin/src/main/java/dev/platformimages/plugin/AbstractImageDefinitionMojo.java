package dev.platformimages.plugin;

import dev.platformimages.service.ImageDefinition;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** The goals that read the image's definition: check-update (to hash it) and docker-build (to build it). */
abstract class AbstractImageDefinitionMojo extends AbstractPlatformImageMojo {

    /** The Dockerfile of the platform image. */
    @Parameter(property = "platform.dockerfile", defaultValue = "${project.basedir}/Dockerfile")
    protected File dockerfile;

    /**
     * The build context sent to the engine. {@code .dockerignore} in it is honoured; the module's
     * {@code pom.xml} and build folder ({@code target/}) are never sent.
     */
    @Parameter(property = "platform.contextDirectory", defaultValue = "${project.basedir}")
    protected File contextDirectory;

    /**
     * Build args passed to the engine, one element per arg named after it (an element UPSTREAM_REGISTRY holding
     * mirror.local sets ARG UPSTREAM_REGISTRY to mirror.local). They also resolve
     * the ARGs used in FROM lines and are part of the definition hash, so changing one is a definition change.
     */
    @Parameter
    protected Map<String, String> buildArgs;

    protected ImageDefinition definition() {
        Path basedir = project.getBasedir().toPath();
        return new ImageDefinition(dockerfile.toPath(), contextDirectory.toPath(),
                Set.of(Path.of(project.getBuild().getDirectory()), basedir.resolve("pom.xml")),
                buildArgs == null ? Map.of() : buildArgs);
    }
}
