package dev.platformimages.plugin;

import dev.platformimages.plugin.config.PruneConfiguration;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.step.Pruner;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.time.Instant;

/**
 * Retention for registries without lifecycle policies (distribution, Harbor, GHCR, ACR):
 * {@code mvn platform-image:prune} deletes versions beyond the newest platform.prune.keepVersions and drafts older
 * than platform.prune.draftDays days, never the newest version, never what a floating tag points at and never an
 * image that tags this plugin does not manage point at (unless platform.prune.deleteForeignTags=true), by digest
 * through the Registry API. With platform.dryRun=true it only lists what would go. Needs no Docker engine.
 */
@Mojo(name = "prune", threadSafe = true)
public class PruneMojo extends AbstractRegistryMojo {

    /**
     * What prune keeps. Each element can also be given as its property (in parentheses); an element written here wins
     * over the property.
     * <ul>
     * <li>{@code <keepVersions>} (platform.prune.keepVersions, default 10): how many of the newest versions are kept
     * (at least 1); older ones go unless a floating tag points at them.</li>
     * <li>{@code <draftDays>} (platform.prune.draftDays, default 7): drafts left by stopped runs are deleted once older
     * than this many days.</li>
     * <li>{@code <deleteForeignTags>} (platform.prune.deleteForeignTags, default false): deletes an old version (or
     * draft) also when tags this plugin does not manage point at its image: a consumer's pin such as {@code prod}, a
     * hotfix tag, an extra tag since dropped from the POM. Those tags are deleted with it, and the log names them.
     * Off: such an image is kept, and the log and the dry run name the tags that kept it.</li>
     * </ul>
     */
    @Parameter
    protected PruneConfiguration prune;

    /** Lists what would be deleted, and deletes nothing. */
    @Parameter(property = "platform.dryRun", defaultValue = "false")
    protected boolean dryRun;

    @Override
    protected ReleaseStep step() {
        return ReleaseStep.PRUNE;
    }

    @Override
    protected String goal() {
        return "prune";
    }

    @Override
    protected boolean usesNotifications() {
        return false;
    }

    @Override
    protected void run() {
        PruneConfiguration.Values keep = PruneConfiguration.resolve(prune, properties());
        new Pruner(hub().registryClient(), hub().log()).prune(hub().target(), keep.keepVersions(), keep.draftDays(), dryRun,
                keep.deleteForeignTags(), Instant.now());
    }
}
