package dev.platformimages.plugin.config;

/**
 * The dotted properties of the grouped parameters ({@code <aws>}, {@code <ecr>}, {@code <scan>}, {@code <lifecycle>},
 * {@code <prune>}, {@code <packages>}, {@code <signing>}). Maven binds a {@code -D} property only to a top-level parameter, so the groups read theirs
 * through {@link ConfigurationProperties}; the names are here, in one place, as jib keeps its own.
 */
public final class PropertyNames {

    public static final String AWS_PROFILE = "platform.aws.profile";
    public static final String AWS_ROLE_ARN = "platform.aws.roleArn";
    public static final String AWS_REGION = "platform.aws.region";
    public static final String AWS_MAX_ATTEMPTS = "platform.aws.maxAttempts";

    public static final String ECR_ENDPOINT = "platform.ecr.endpoint";
    public static final String ECR_REGISTRY_ENDPOINT = "platform.ecr.registryEndpoint";
    public static final String ECR_SCAN_ON_PUSH = "platform.ecr.scanOnPush";
    public static final String ECR_TAG_MUTABILITY = "platform.ecr.tagMutability";
    public static final String ECR_ENCRYPTION = "platform.ecr.encryption";
    public static final String ECR_KMS_KEY = "platform.ecr.kmsKey";
    public static final String ECR_REPOSITORY_TAGS = "platform.ecr.repositoryTags";
    public static final String ECR_MANAGE_REPOSITORY = "platform.ecr.manageRepository";

    public static final String SCAN_FAIL_ON = "platform.scan.failOn";
    public static final String SCAN_MAX_FINDINGS = "platform.scan.maxFindings";
    public static final String SCAN_TIMEOUT_SECONDS = "platform.scan.timeoutSeconds";

    public static final String LIFECYCLE_KEEP_VERSIONS = "platform.lifecycle.keepVersions";
    public static final String LIFECYCLE_DRAFT_DAYS = "platform.lifecycle.draftDays";
    public static final String LIFECYCLE_UNTAGGED_DAYS = "platform.lifecycle.untaggedDays";

    public static final String PRUNE_KEEP_VERSIONS = "platform.prune.keepVersions";
    public static final String PRUNE_DRAFT_DAYS = "platform.prune.draftDays";
    public static final String PRUNE_DELETE_FOREIGN_TAGS = "platform.prune.deleteForeignTags";

    public static final String PACKAGES_INVENTORY = "platform.packages.inventory";
    public static final String PACKAGES_CHECK_UPDATES = "platform.packages.checkUpdates";
    public static final String PACKAGES_MIRRORS = "platform.packages.mirrors";

    public static final String SIGNING_KEY = "platform.signing.key";
    public static final String SIGNING_PASSPHRASE_VARIABLE = "platform.signing.passphraseVariable";
    public static final String SIGNING_PUBLIC_KEY = "platform.signing.publicKey";
    public static final String SIGNING_REQUIRED = "platform.signing.required";

    private PropertyNames() {
    }
}
