package dev.platformimages.plugin.config;

import static dev.platformimages.plugin.config.PropertyNames.SCAN_FAIL_ON;
import static dev.platformimages.plugin.config.PropertyNames.SCAN_MAX_FINDINGS;
import static dev.platformimages.plugin.config.PropertyNames.SCAN_TIMEOUT_SECONDS;

/** The {@code <scan>} group: ECR's scan gate (documented on the goals' {@code scan}). */
public class ScanConfiguration {

    private String failOn;
    private Integer maxFindings;
    private Integer timeoutSeconds;

    /** The group's values, each from the configuration, else its property, else its default. */
    public record Values(String failOn, int maxFindings, int timeoutSeconds) {
    }

    /** @param configured the {@code <scan>} element, or null when the POM has none */
    public static Values resolve(ScanConfiguration configured, ConfigurationProperties properties) {
        ScanConfiguration c = configured == null ? new ScanConfiguration() : configured;
        return new Values(properties.string(c.failOn, SCAN_FAIL_ON), properties.integer(c.maxFindings, SCAN_MAX_FINDINGS, 0),
                properties.integer(c.timeoutSeconds, SCAN_TIMEOUT_SECONDS, 600));
    }
}
