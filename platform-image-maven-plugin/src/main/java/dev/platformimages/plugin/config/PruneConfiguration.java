package dev.platformimages.plugin.config;

import static dev.platformimages.plugin.config.PropertyNames.PRUNE_DELETE_FOREIGN_TAGS;
import static dev.platformimages.plugin.config.PropertyNames.PRUNE_DRAFT_DAYS;
import static dev.platformimages.plugin.config.PropertyNames.PRUNE_KEEP_VERSIONS;

/** The {@code <prune>} group: what the prune goal keeps (documented on the prune goal's {@code prune}). */
public class PruneConfiguration {

    private Integer keepVersions;
    private Integer draftDays;
    private Boolean deleteForeignTags;

    /** The group's values, each from the configuration, else its property, else its default. */
    public record Values(int keepVersions, int draftDays, boolean deleteForeignTags) {
    }

    /** @param configured the {@code <prune>} element, or null when the POM has none */
    public static Values resolve(PruneConfiguration configured, ConfigurationProperties properties) {
        PruneConfiguration c = configured == null ? new PruneConfiguration() : configured;
        return new Values(properties.integer(c.keepVersions, PRUNE_KEEP_VERSIONS, 10),
                properties.integer(c.draftDays, PRUNE_DRAFT_DAYS, 7),
                properties.bool(c.deleteForeignTags, PRUNE_DELETE_FOREIGN_TAGS, false));
    }
}
