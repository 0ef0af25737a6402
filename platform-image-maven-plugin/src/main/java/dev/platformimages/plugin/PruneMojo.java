package dev.platformimages.plugin;

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

    /** How many of the newest versions are kept (at least 1); older ones go unless a floating tag points at them. */
    @Parameter(property = "platform.prune.keepVersions", defaultValue = "10")
    protected int keepVersions;

    /** Drafts left by stopped runs are deleted once older than this many days. */
    @Parameter(property = "platform.prune.draftDays", defaultValue = "7")
    protected int draftDays;

    /**
     * Deletes an old version (or draft) also when tags this plugin does not manage point at its image: a consumer's
     * pin such as {@code prod}, a hotfix tag, an extra tag since dropped from the POM. Those tags are deleted with it,
     * and the log names them. Off by default: such an image is kept, and the log and the dry run name the tags that
     * kept it.
     */
    @Parameter(property = "platform.prune.deleteForeignTags", defaultValue = "false")
    protected boolean deleteForeignTags;

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
        new Pruner(hub().registryClient(), hub().log()).prune(hub().target(), keepVersions, draftDays, dryRun, deleteForeignTags,
                Instant.now());
    }
}
