package dev.platformimages.plugin;

import dev.platformimages.ecr.EcrOptions;
import dev.platformimages.ecr.EcrRegistryHost;
import dev.platformimages.release.ReleaseFailure;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The registry an image is published to, resolved once from the parameters without any network call: its host,
 * whether it is ECR (with the options of its AWS API), where image bytes go, which hosts are reached over plain HTTP
 * (loopback, and platform.insecureRegistries). Bad values fail here, naming the parameter.
 *
 * @param host        platform.registry as given (host[:port])
 * @param ecr         the ECR host, when the registry is ECR
 * @param ecrOptions  how the ECR API is reached; null when the registry is not ECR
 * @param insecure    platform.insecureRegistries, lower case
 */
record TargetRegistry(String host, Optional<EcrRegistryHost> ecr, EcrOptions ecrOptions, Set<String> insecure) {

    static TargetRegistry resolve(RegistryParameters parameters) {
        Set<String> insecure = parameters.insecureRegistries() == null ? Set.of()
                : Arrays.stream(parameters.insecureRegistries().split(",")).map(String::trim).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        try {
            Optional<EcrRegistryHost> ecr = EcrRegistryHost.parse(parameters.registry());
            EcrOptions options = null;
            if (ecr.isPresent()) {
                ecr.get().requireRegion(parameters.awsRegion());
                options = EcrOptions.of(parameters.awsProfile(), parameters.awsRoleArn(), parameters.ecrEndpoint(),
                        parameters.awsMaxAttempts(), parameters.ecrRegistryEndpoint());
            }
            return new TargetRegistry(parameters.registry(), ecr, options, insecure);
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
    }

    /**
     * Where image bytes go and what release state records: the host, or for ECR platform.ecr.registryEndpoint when
     * given (a VPC endpoint's own name). Known without asking AWS.
     */
    String address() {
        return ecrOptions != null && ecrOptions.registryEndpoint() != null ? ecrOptions.registryEndpoint() : host;
    }

    boolean isEcr() {
        return ecr.isPresent();
    }
}
