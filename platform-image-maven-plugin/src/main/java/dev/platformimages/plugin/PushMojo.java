package dev.platformimages.plugin;

import dev.platformimages.registry.RegistryClient;
import dev.platformimages.service.Drafts;
import dev.platformimages.service.Publisher;
import dev.platformimages.service.ReleaseStep;
import dev.platformimages.state.ReleaseState;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import java.util.Optional;

/**
 * Publishes the tested draft: copies its manifest, byte for byte, to the version tag TAG-MAJOR.MINOR.PATCH
 * (refusing to overwrite an existing version tag, and reading the tag back to catch a concurrent build), then
 * moves latest, TAG and the extra tags the same way, and deletes the draft. No layer is uploaded again and no
 * Docker engine is needed. When check-update found a release that stopped before moving its floating tags
 * (PROMOTION_INCOMPLETE), only those move. Prints the repository, version tag, digest and floating tags.
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
        RegistryClient registry = registryClient();
        Publisher publisher = new Publisher(registry, new Drafts(registry, releaseLog()), releaseLog());
        try {
            if (state.builds()) {
                publisher.publish(state, target().floatingTags());
            } else {
                publisher.completePromotion(state, target().floatingTags());
            }
        } finally {
            // Also after a failure: the state then says exactly what was published.
            stateStore().write(state);
        }
    }
}
