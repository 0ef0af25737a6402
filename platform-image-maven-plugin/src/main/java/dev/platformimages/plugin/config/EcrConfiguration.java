package dev.platformimages.plugin.config;

import static dev.platformimages.plugin.config.PropertyNames.ECR_ENCRYPTION;
import static dev.platformimages.plugin.config.PropertyNames.ECR_ENDPOINT;
import static dev.platformimages.plugin.config.PropertyNames.ECR_KMS_KEY;
import static dev.platformimages.plugin.config.PropertyNames.ECR_MANAGE_REPOSITORY;
import static dev.platformimages.plugin.config.PropertyNames.ECR_REGISTRY_ENDPOINT;
import static dev.platformimages.plugin.config.PropertyNames.ECR_REPOSITORY_TAGS;
import static dev.platformimages.plugin.config.PropertyNames.ECR_SCAN_ON_PUSH;
import static dev.platformimages.plugin.config.PropertyNames.ECR_TAG_MUTABILITY;

/** The {@code <ecr>} group: endpoints and the settings of repositories this plugin creates (documented on the goals' {@code ecr}). */
public class EcrConfiguration {

    private String endpoint;
    private String registryEndpoint;
    private Boolean scanOnPush;
    private String tagMutability;
    private String encryption;
    private String kmsKey;
    private String repositoryTags;
    private Boolean manageRepository;

    /** The group's values, each from the configuration, else its property, else its default. */
    public record Values(String endpoint, String registryEndpoint, boolean scanOnPush, String tagMutability,
                         String encryption, String kmsKey, String repositoryTags, boolean manageRepository) {
    }

    /** @param configured the {@code <ecr>} element, or null when the POM has none */
    public static Values resolve(EcrConfiguration configured, ConfigurationProperties properties) {
        EcrConfiguration c = configured == null ? new EcrConfiguration() : configured;
        return new Values(properties.string(c.endpoint, ECR_ENDPOINT),
                properties.string(c.registryEndpoint, ECR_REGISTRY_ENDPOINT),
                properties.bool(c.scanOnPush, ECR_SCAN_ON_PUSH, true),
                properties.string(c.tagMutability, ECR_TAG_MUTABILITY, "IMMUTABLE_WITH_EXCLUSION"),
                properties.string(c.encryption, ECR_ENCRYPTION),
                properties.string(c.kmsKey, ECR_KMS_KEY),
                properties.string(c.repositoryTags, ECR_REPOSITORY_TAGS),
                properties.bool(c.manageRepository, ECR_MANAGE_REPOSITORY, false));
    }
}
