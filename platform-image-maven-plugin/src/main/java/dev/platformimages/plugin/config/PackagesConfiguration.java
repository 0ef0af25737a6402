package dev.platformimages.plugin.config;

import static dev.platformimages.plugin.config.PropertyNames.PACKAGES_CHECK_UPDATES;
import static dev.platformimages.plugin.config.PropertyNames.PACKAGES_INVENTORY;
import static dev.platformimages.plugin.config.PropertyNames.PACKAGES_MIRRORS;

/**
 * The {@code <packages>} group: the package inventory kept with each release and the check of its packages for
 * updates (documented on the goals' {@code packages}).
 */
public class PackagesConfiguration {

    private Boolean inventory;
    private Boolean checkUpdates;
    private String mirrors;

    /** The group's values, each from the configuration, else its property, else its default. */
    public record Values(boolean inventory, boolean checkUpdates, String mirrors) {
    }

    /** @param configured the {@code <packages>} element, or null when the POM has none */
    public static Values resolve(PackagesConfiguration configured, ConfigurationProperties properties) {
        PackagesConfiguration c = configured == null ? new PackagesConfiguration() : configured;
        boolean inventory = properties.bool(c.inventory, PACKAGES_INVENTORY, true);
        return new Values(inventory, inventory && properties.bool(c.checkUpdates, PACKAGES_CHECK_UPDATES, true),
                properties.string(c.mirrors, PACKAGES_MIRRORS));
    }
}
