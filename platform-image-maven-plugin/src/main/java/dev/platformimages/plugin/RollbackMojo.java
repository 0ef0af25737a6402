package dev.platformimages.plugin;

import dev.platformimages.notify.CiRun;
import dev.platformimages.notify.Notifier;
import dev.platformimages.notify.ReleaseEvent;
import dev.platformimages.notify.WebhookDelivery;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.release.ReleaseTarget;
import dev.platformimages.signing.ImageSigner;
import dev.platformimages.step.ReleaseVerifier;
import dev.platformimages.step.Rollback;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.Optional;

/**
 * Rolls the floating tags (latest, TAG and the extra tags) back to an earlier version by manifest copy:
 * {@code mvn platform-image:rollback -Dplatform.rollbackTo=1.3.0}. Refuses a version that is not published, prints
 * each tag's digest before and after, and marks the version the tags pointed at as rolled back with the tag
 * VERSIONTAG-rolled-back in the registry, so that later runs (on any machine) do not move the floating tags
 * forward again; the next release gets a new version number. Needs no Docker engine. Notifies the channels that
 * take releases.
 */
@Mojo(name = "rollback", threadSafe = true)
public class RollbackMojo extends AbstractRegistryMojo {

    /** The version to move the floating tags back to, for example 1.3.0. */
    @Parameter(property = "platform.rollbackTo")
    protected String rollbackTo;

    @Override
    protected ReleaseStep step() {
        return ReleaseStep.ROLLBACK;
    }

    @Override
    protected String goal() {
        return "rollback";
    }

    @Override
    protected void run() {
        ReleaseTarget target = hub().target();
        Rollback rollback = new Rollback(hub().registryClient(), hub().log());
        Optional<ImageSigner> signer = hub().signer(signingOptions());
        if (signer.isPresent()) {
            rollback.verifyingWith(new ReleaseVerifier(hub().registryClient(), signer.get().publicKey()), signingOptions().required());
        }
        Rollback.Result result = rollback.rollBack(target, rollbackTo);
        if (!result.changed()) {
            return;
        }
        Notifier notifier = new Notifier(channels, new WebhookDelivery(), hub().log());
        notifier.send(ReleaseEvent.rolledBack(target.registry(), target.repository(), target.tag(), result.fromVersionTag(),
                result.fromDigest(), result.toVersionTag(), result.toDigest(), result.movedTags(),
                CiRun.detect(environment()).orElse(null)));
    }
}
