package dev.platformimages.ecr;

import dev.platformimages.image.ImageReference;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How the ECR API is reached: credentials from the AWS default provider chain, optionally with a named profile
 * and an assumed role; an endpoint override (VPC endpoints, tests); the retry budget; and where image bytes go
 * when not to the registry host itself ({@code registryEndpoint}, null: the host).
 */
public record EcrOptions(String profile, String roleArn, URI endpoint, int maxAttempts, Duration attemptTimeout,
                         String registryEndpoint) {

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    /** Validates the raw parameter values; the messages name the parameter. */
    public static EcrOptions of(String profile, String roleArn, String endpoint, int maxAttempts) {
        return of(profile, roleArn, endpoint, maxAttempts, null);
    }

    /**
     * As {@link #of(String, String, String, int)}, with {@code registryEndpoint}: the host[:port] of the Docker
     * Registry API to push and pull with instead of the registry host (a VPC endpoint's own DNS name, a test registry).
     */
    public static EcrOptions of(String profile, String roleArn, String endpoint, int maxAttempts, String registryEndpoint) {
        String role = blank(roleArn) ? null : roleArn.trim();
        if (role != null && !ROLE_ARN.matcher(role).matches()) {
            throw new IllegalArgumentException("platform.aws.roleArn is '" + role + "': give the role's ARN, "
                    + "arn:aws:iam::123456789012:role/NAME");
        }
        URI uri = null;
        if (!blank(endpoint)) {
            try {
                uri = URI.create(endpoint.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("platform.ecr.endpoint is '" + endpoint + "', which is not a URL");
            }
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
                throw new IllegalArgumentException("platform.ecr.endpoint is '" + endpoint
                        + "': give an https URL, e.g. https://api.ecr.eu-west-1.amazonaws.com or a VPC endpoint's");
            }
            if ("http".equals(scheme) && !ImageReference.isLoopbackHost(uri.getHost())) {
                throw new IllegalArgumentException("platform.ecr.endpoint is '" + endpoint + "': plain http is only "
                        + "allowed on localhost and 127.0.0.0/8; AWS endpoints are reached over verified TLS");
            }
        }
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("platform.aws.maxAttempts is " + maxAttempts + ": use 1 to 20 (attempts "
                    + "per ECR call, including the first)");
        }
        String address = null;
        if (!blank(registryEndpoint)) {
            try {
                address = ImageReference.validateRegistry(registryEndpoint.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("platform.ecr.registryEndpoint is '" + registryEndpoint + "': give a "
                        + "host or host:port without scheme or path, e.g. vpce-0a1b2c3d-4e5f6a7b.dkr.ecr.eu-west-1.vpce.amazonaws.com");
            }
        }
        return new EcrOptions(blank(profile) ? null : profile.trim(), role, uri, maxAttempts, Duration.ofSeconds(30), address);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
