package dev.platformimages.plugin;

import dev.platformimages.engine.DockerJavaEngine;
import dev.platformimages.engine.ImageEngine;
import dev.platformimages.service.Publisher;
import dev.platformimages.service.ReleaseStep;
import dev.platformimages.state.ReleaseState;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import java.util.Optional;

/**
 * Publishes the tested image: pushes it under its version tag TAG-MAJOR.MINOR.PATCH (refusing to
 * overwrite an existing version tag), checks that the registry holds exactly the tested image, then moves
 * latest, TAG and the extra tags by copying the manifest within the registry, without
 * uploading any layer again. Prints the repository, version tag, digest and floating tags.
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PushMojo extends AbstractPlatformImageMojo {

    @Override
    protected ReleaseStep step() {
        return ReleaseStep.PUSH;
    }

    @Override
    protected String goal() {
        return "push";
    }

    @Override
    protected void run() {
        Optional<ReleaseState> release = releaseToContinue();
        if (release.isEmpty()) {
            return;
        }
        ReleaseState state = release.get();
        try (ImageEngine engine = new DockerJavaEngine()) {
            engine.ping();
            new Publisher(engine, registryClient(), credentials(state.registry).orElse(null), releaseLog())
                    .publish(state, target().floatingTags());
        } finally {
            // Also after a failure: the state then says exactly what was published.
            stateStore().write(state);
        }
    }
}
