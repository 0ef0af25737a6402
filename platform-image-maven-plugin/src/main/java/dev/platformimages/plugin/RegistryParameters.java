package dev.platformimages.plugin;

import dev.platformimages.release.ReleaseFailure;

import java.time.Duration;

/**
 * The raw values of the registry group of parameters (where the image is published and how that registry and, for
 * ECR, the AWS API are reached), as the goal received them; {@link TargetRegistry} checks them.
 */
record RegistryParameters(String registry, int timeoutSeconds, String insecureRegistries, String caCertificates,
                          String awsProfile, String awsRoleArn, String awsRegion, int awsMaxAttempts, String ecrEndpoint,
                          String ecrRegistryEndpoint, boolean ecrScanOnPush, String ecrTagMutability, String ecrEncryption,
                          String ecrKmsKey, String ecrRepositoryTags, boolean ecrManageRepository) {

    /** platform.registryTimeoutSeconds, checked. */
    Duration timeout() {
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw new ReleaseFailure("platform.registryTimeoutSeconds is " + timeoutSeconds + ": give 1 to 3600 seconds");
        }
        return Duration.ofSeconds(timeoutSeconds);
    }
}
