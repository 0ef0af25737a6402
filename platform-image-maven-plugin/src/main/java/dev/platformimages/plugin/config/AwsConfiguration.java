package dev.platformimages.plugin.config;

import static dev.platformimages.plugin.config.PropertyNames.AWS_MAX_ATTEMPTS;
import static dev.platformimages.plugin.config.PropertyNames.AWS_PROFILE;
import static dev.platformimages.plugin.config.PropertyNames.AWS_REGION;
import static dev.platformimages.plugin.config.PropertyNames.AWS_ROLE_ARN;

/** The {@code <aws>} group: how the ECR API and registry token are requested (documented on the goals' {@code aws}). */
public class AwsConfiguration {

    private String profile;
    private String roleArn;
    private String region;
    private Integer maxAttempts;

    /** The group's values, each from the configuration, else its property, else its default. */
    public record Values(String profile, String roleArn, String region, int maxAttempts) {
    }

    /** @param configured the {@code <aws>} element, or null when the POM has none */
    public static Values resolve(AwsConfiguration configured, ConfigurationProperties properties) {
        AwsConfiguration c = configured == null ? new AwsConfiguration() : configured;
        return new Values(properties.string(c.profile, AWS_PROFILE), properties.string(c.roleArn, AWS_ROLE_ARN),
                properties.string(c.region, AWS_REGION), properties.integer(c.maxAttempts, AWS_MAX_ATTEMPTS, 5));
    }
}
