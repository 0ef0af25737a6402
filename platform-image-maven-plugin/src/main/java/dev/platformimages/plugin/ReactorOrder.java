package dev.platformimages.plugin;

import dev.platformimages.dockerfile.DockerfileException;
import dev.platformimages.dockerfile.DockerfileParser;
import dev.platformimages.dockerfile.UpstreamUse;
import dev.platformimages.image.ImageReference;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Orders a reactor of platform images so that an image built FROM another image of the same reactor (for
 * example runtime-deps, then runtime, then aspnet) comes after it: one {@code mvn deploy} then publishes the base
 * first, and the dependent image's check sees the base's new version and is rebuilt in the same run. Maven sorts
 * the reactor again after this participant has run; the added dependencies are of type pom and nothing resolves
 * them, so they affect the order only. Declared in META-INF/plexus/components.xml, as the packaging is.
 */
public class ReactorOrder extends AbstractMavenLifecycleParticipant {

    static final String PLUGIN_KEY = "dev.platformimages:platform-image-maven-plugin";
    private static final Logger LOG = LoggerFactory.getLogger(ReactorOrder.class);

    @Override
    public void afterProjectsRead(MavenSession session) {
        Map<String, MavenProject> byImage = new LinkedHashMap<>();
        for (MavenProject project : session.getProjects()) {
            if ("platform-image".equals(project.getPackaging())) {
                imageName(project, session.getUserProperties()).ifPresent(name -> byImage.put(name, project));
            }
        }
        for (MavenProject project : byImage.values()) {
            for (String base : upstreamNames(project, session.getUserProperties())) {
                MavenProject producer = byImage.get(base);
                if (producer != null && producer != project && !dependsOn(project, producer)) {
                    Dependency dependency = new Dependency();
                    dependency.setGroupId(producer.getGroupId());
                    dependency.setArtifactId(producer.getArtifactId());
                    dependency.setVersion(producer.getVersion());
                    dependency.setType("pom");
                    project.getModel().addDependency(dependency);
                    LOG.info("platform-image: {} builds FROM {} ({}): it is built after it", project.getArtifactId(), base,
                            producer.getArtifactId());
                }
            }
        }
    }

    /** registry/repository the project publishes to, as its configuration says, if it says. */
    private static java.util.Optional<String> imageName(MavenProject project, Properties user) {
        String registry = property(project, user, "platform.registry", "registry");
        if (registry == null) {
            return java.util.Optional.empty();
        }
        String repository = property(project, user, "platform.repository", "repository");
        try {
            return java.util.Optional.of(ImageReference.of(registry.trim(), repository == null ? project.getArtifactId()
                    : repository.trim(), null).name());
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty(); // the goals report a bad registry or repository themselves
        }
    }

    /** Names (registry/repository) of the images the project's Dockerfile uses; empty when it cannot be read. */
    private static java.util.List<String> upstreamNames(MavenProject project, Properties user) {
        String dockerfile = property(project, user, "platform.dockerfile", "dockerfile");
        Path file = dockerfile != null ? project.getBasedir().toPath().resolve(dockerfile) : project.getBasedir().toPath().resolve("Dockerfile");
        Map<String, String> buildArgs = new HashMap<>();
        Xpp3Dom config = configuration(project);
        Xpp3Dom args = config == null ? null : config.getChild("buildArgs");
        if (args != null) {
            for (Xpp3Dom arg : args.getChildren()) {
                buildArgs.put(arg.getName(), arg.getValue() == null ? "" : arg.getValue());
            }
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        try {
            for (UpstreamUse use : new DockerfileParser().parse(Files.readString(file), buildArgs).upstreamUses()) {
                try {
                    names.add(ImageReference.parse(use.image()).name());
                } catch (IllegalArgumentException e) {
                    // check-update reports it with the line
                }
            }
        } catch (IOException | DockerfileException e) {
            // check-update reports an unreadable Dockerfile with a proper message; the order is then the modules' own
        }
        return names;
    }

    private static boolean dependsOn(MavenProject project, MavenProject producer) {
        return project.getDependencies().stream().anyMatch(d -> d.getGroupId().equals(producer.getGroupId())
                && d.getArtifactId().equals(producer.getArtifactId()));
    }

    /** A -D property, else the plugin's configuration element, else a project property. */
    private static String property(MavenProject project, Properties user, String property, String element) {
        if (user.getProperty(property) != null) {
            return user.getProperty(property);
        }
        Xpp3Dom config = configuration(project);
        if (config != null && config.getChild(element) != null && config.getChild(element).getValue() != null) {
            return config.getChild(element).getValue();
        }
        return project.getProperties().getProperty(property);
    }

    private static Xpp3Dom configuration(MavenProject project) {
        Plugin plugin = project.getPlugin(PLUGIN_KEY);
        return plugin == null ? null : (Xpp3Dom) plugin.getConfiguration();
    }
}
