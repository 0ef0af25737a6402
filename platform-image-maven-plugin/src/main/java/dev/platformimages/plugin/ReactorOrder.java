package dev.platformimages.plugin;

import dev.platformimages.image.ImageReference;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Dependency;
import org.apache.maven.project.MavenProject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders a reactor of platform images so that an image built FROM another image of the same reactor (for
 * example runtime-deps, then runtime, then aspnet) comes after it: one {@code mvn deploy} then publishes the base
 * first, and the dependent image's check sees the base's new version and is rebuilt in the same run. Maven sorts
 * the reactor again after this participant has run; the added dependencies are of type pom and nothing resolves
 * them, so they affect the order only. Declared in META-INF/plexus/components.xml, as the packaging is.
 */
public class ReactorOrder extends AbstractMavenLifecycleParticipant {

    private static final Logger LOG = LoggerFactory.getLogger(ReactorOrder.class);

    @Override
    public void afterProjectsRead(MavenSession session) {
        Map<String, MavenProject> byImage = new LinkedHashMap<>();
        List<ReactorImage> images = ReactorImage.of(session);
        for (ReactorImage image : images) {
            image.imageName().ifPresent(name -> byImage.put(name, image.project()));
        }
        for (ReactorImage image : images) {
            MavenProject project = image.project();
            for (ImageReference upstream : image.upstreamImages()) {
                String base = upstream.name();
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

    private static boolean dependsOn(MavenProject project, MavenProject producer) {
        return project.getDependencies().stream().anyMatch(d -> d.getGroupId().equals(producer.getGroupId())
                && d.getArtifactId().equals(producer.getArtifactId()));
    }
}
