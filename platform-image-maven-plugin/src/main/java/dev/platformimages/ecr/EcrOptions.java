package dev.platformimages.ecr;

import dev.platformimages.image.ImageReference;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How the ECR API is reached: credentials from the AWS default provider chain, optionally with a named profile
 * and an assumed role; an endpoint override (VPC endpoints, tests); and the retry budget.
 */
public record EcrOptions(String profile, String roleArn, URI endpoint, int maxAttempts, Duration attemptTimeout) {

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    /** Validates the raw parameter values; the messages name the parameter. */
    public static EcrOptions of(String profile, String roleArn, String endpoint, int maxAttempts) {
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
        return new EcrOptions(blank(profile) ? null : profile.trim(), role, uri, maxAttempts, Duration.ofSeconds(30));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
