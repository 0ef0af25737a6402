package dev.platformimages.plugin;

import dev.platformimages.dockerfile.DockerfileException;
import dev.platformimages.dockerfile.DockerfileParser;
import dev.platformimages.dockerfile.UpstreamUse;
import dev.platformimages.image.ImageReference;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What the POM of one platform image of the reactor says before any goal runs: where it is published and which
 * images its Dockerfile uses, read the way most POMs set them (a -D property, the plugin's configuration
 * element, a project property). Used to order the reactor and to read registries ahead; a module configured some
 * other way is then simply ordered and checked on its own.
 */
final class ReactorImage {

    static final String PLUGIN_KEY = "dev.platformimages:platform-image-maven-plugin";

    private final MavenProject project;
    private final Properties user;

    private ReactorImage(MavenProject project, Properties user) {
        this.project = project;
        this.user = user;
    }

    /** The reactor's projects of packaging platform-image. */
    static List<ReactorImage> of(MavenSession session) {
        List<ReactorImage> images = new ArrayList<>();
        for (MavenProject project : session.getProjects()) {
            if (isPlatformImage(project)) {
                images.add(new ReactorImage(project, session.getUserProperties()));
            }
        }
        return images;
    }

    /** Whether the project is a platform image (its packaging is platform-image). */
    static boolean isPlatformImage(MavenProject project) {
        return "platform-image".equals(project.getPackaging());
    }

    MavenProject project() {
        return project;
    }

    /** registry/repository the project publishes to, as its configuration says, if it says. */
    Optional<String> imageName() {
        String registry = property("platform.registry", "registry");
        if (registry == null) {
            return Optional.empty();
        }
        String repository = repository();
        try {
            return Optional.of(ImageReference.of(registry.trim(), repository, null).name());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the goals report a bad registry or repository themselves
        }
    }

    String repository() {
        String repository = property("platform.repository", "repository");
        return repository == null ? project.getArtifactId() : repository.trim();
    }

    /** The images (FROM and COPY --from) the project's Dockerfile uses, with its build args; empty when unreadable. */
    List<ImageReference> upstreamImages() {
        String dockerfile = property("platform.dockerfile", "dockerfile");
        Path file = dockerfile != null ? project.getBasedir().toPath().resolve(dockerfile)
                : project.getBasedir().toPath().resolve("Dockerfile");
        Map<String, String> buildArgs = new HashMap<>();
        Xpp3Dom config = configuration();
        Xpp3Dom args = config == null ? null : config.getChild("buildArgs");
        if (args != null) {
            for (Xpp3Dom arg : args.getChildren()) {
                buildArgs.put(arg.getName(), arg.getValue() == null ? "" : arg.getValue());
            }
        }
        List<ImageReference> images = new ArrayList<>();
        try {
            for (UpstreamUse use : new DockerfileParser().parse(Files.readString(file), buildArgs).upstreamUses()) {
                try {
                    images.add(ImageReference.parse(use.image()));
                } catch (IllegalArgumentException e) {
                    // check-update reports it with the line
                }
            }
        } catch (IOException | DockerfileException e) {
            // check-update reports an unreadable Dockerfile with a proper message
        }
        return images;
    }

    /** A -D property, else the plugin's configuration element, else a project property. */
    String property(String property, String element) {
        if (user.getProperty(property) != null) {
            return user.getProperty(property);
        }
        Xpp3Dom config = configuration();
        if (config != null && config.getChild(element) != null && config.getChild(element).getValue() != null) {
            return config.getChild(element).getValue();
        }
        return project.getProperties().getProperty(property);
    }

    private Xpp3Dom configuration() {
        Plugin plugin = project.getPlugin(PLUGIN_KEY);
        return plugin == null ? null : (Xpp3Dom) plugin.getConfiguration();
    }
}
