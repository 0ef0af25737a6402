package dev.platformimages.ecr;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ECR private registry host: selecting ECR, and giving the account (registry id) and region its API calls need.
 * IPv4 hosts are {@code ACCOUNT.dkr.ecr[-fips].REGION.amazonaws.com[.cn]}; dual-stack (IPv4 and IPv6) hosts are
 * {@code ACCOUNT.dkr-ecr[-fips].REGION.on.aws} (in China {@code .on.amazonwebservices.com.cn}), whose API is then
 * reached at the region's dual-stack endpoint too.
 */
public record EcrRegistryHost(String host, String account, String region, boolean fips, boolean dualStack) {

    /** Anything shaped like an ECR host, so that a near miss (an account id of 11 digits) is an error, not "not ECR". */
    private static final Pattern ECR_LIKE = Pattern.compile(
            "([^.]+)\\.dkr\\.ecr(-fips)?\\.([^.]+)\\.amazonaws\\.com(\\.cn)?");
    private static final Pattern DUAL_STACK_LIKE = Pattern.compile(
            "([^.]+)\\.dkr-ecr(-fips)?\\.([^.]+)\\.(on\\.aws|on\\.amazonwebservices\\.com\\.cn)");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");

    /**
     * The ECR host {@code registry} names, or empty when it is another registry.
     *
     * @throws IllegalArgumentException when it looks like an ECR host but its account or region is malformed
     */
    public static Optional<EcrRegistryHost> parse(String registry) {
        String host = registry == null ? "" : registry.trim().toLowerCase(Locale.ROOT);
        Matcher m = ECR_LIKE.matcher(host);
        boolean dualStack = false;
        if (!m.matches()) {
            m = DUAL_STACK_LIKE.matcher(host);
            if (!m.matches()) {
                return Optional.empty();
            }
            dualStack = true;
        }
        boolean china = dualStack ? m.group(4).endsWith(".cn") : m.group(4) != null;
        String account = m.group(1);
        String region = m.group(3);
        if (!ACCOUNT.matcher(account).matches()) {
            throw new IllegalArgumentException("platform.registry is '" + registry + "': an ECR registry host starts with "
                    + "the 12-digit AWS account id, and '" + account + "' is not one");
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("platform.registry is '" + registry + "': '" + region
                    + "' is not an AWS region (e.g. eu-west-1)");
        }
        if (china != region.startsWith("cn-")) {
            throw new IllegalArgumentException("platform.registry is '" + registry + "': " + (china
                    ? "hosts ending in .cn are in the China regions (cn-north-1, cn-northwest-1), not " + region
                    : "the China regions' registries end in " + (dualStack ? ".on.amazonwebservices.com.cn" : ".amazonaws.com.cn")));
        }
        return Optional.of(new EcrRegistryHost(host, account, region, m.group(2) != null, dualStack));
    }

    /** Fails when a region given explicitly ({@code platform.aws.region}) is not the host's. */
    public void requireRegion(String configured) {
        if (configured != null && !configured.isBlank() && !configured.trim().equals(region)) {
            throw new IllegalArgumentException("platform.aws.region is '" + configured.trim() + "' but the registry "
                    + host + " is in " + region + ": ECR repositories are regional; remove platform.aws.region or fix the host");
        }
    }

    @Override
    public String toString() {
        return "ECR " + account + " " + region + (fips ? " (FIPS)" : "") + (dualStack ? " (dual-stack)" : "");
    }
}
