package dev.platformimages.plugin.config;

import static dev.platformimages.plugin.config.PropertyNames.LIFECYCLE_DRAFT_DAYS;
import static dev.platformimages.plugin.config.PropertyNames.LIFECYCLE_KEEP_VERSIONS;
import static dev.platformimages.plugin.config.PropertyNames.LIFECYCLE_UNTAGGED_DAYS;

/** The {@code <lifecycle>} group: the ECR lifecycle policy's counts (documented on the goals' {@code lifecycle}). */
public class LifecycleConfiguration {

    private Integer keepVersions;
    private Integer draftDays;
    private Integer untaggedDays;

    /** The group's values, each from the configuration, else its property, else its default. */
    public record Values(int keepVersions, int draftDays, int untaggedDays) {
    }

    /** @param configured the {@code <lifecycle>} element, or null when the POM has none */
    public static Values resolve(LifecycleConfiguration configured, ConfigurationProperties properties) {
        LifecycleConfiguration c = configured == null ? new LifecycleConfiguration() : configured;
        return new Values(properties.integer(c.keepVersions, LIFECYCLE_KEEP_VERSIONS, 30),
                properties.integer(c.draftDays, LIFECYCLE_DRAFT_DAYS, 7),
                properties.integer(c.untaggedDays, LIFECYCLE_UNTAGGED_DAYS, 30));
    }
}
