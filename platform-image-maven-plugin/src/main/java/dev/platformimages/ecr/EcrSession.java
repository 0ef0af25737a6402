package dev.platformimages.ecr;

import dev.platformimages.registry.RegistryCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The ECR API of one registry (account and region) with one set of AWS credentials: the SDK client, with the
 * standard retry strategy (throttling and 5xx retried), and the registry authorization token that the Docker
 * engine and the Registry API client push and pull with. Sessions are shared by the goals of one Maven run; the
 * token (valid 12 hours) is fetched once and again only when it is about to expire, and carries its expiry so that
 * every holder asks again in time. Neither the token nor any AWS key is ever written to disk or to a log.
 * <p>
 * Image bytes go to the configured registry host (or {@code platform.ecr.registryEndpoint}), never to the
 * token's {@code proxyEndpoint}: GetAuthorizationToken without registryIds answers with the caller's own
 * registry there, which is another account's when the target is cross-account. The token itself is valid for
 * every registry the principal may use (the API model says so where it deprecates registryIds).
 */
public final class EcrSession {


    private final EcrRegistryHost host;
    private final EcrOptions options;
    private final EcrClient client;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private volatile Authorization authorization;
    private volatile RegistryScanning scanning;
    private final java.util.concurrent.atomic.AtomicBoolean introduced = new java.util.concurrent.atomic.AtomicBoolean();

    /** The registry credentials (expiring with the token) and the address image bytes go to. */
    public record Authorization(RegistryCredentials credentials, String registryAddress, Instant expiresAt) {
    }

    private EcrSession(EcrRegistryHost host, EcrOptions options, EcrClient client) {
        this.host = host;
        this.options = options;
        this.client = client;
    }

    /** Repositories found or created in this session: one DescribeRepositories per repository and build. */
    private final java.util.Set<String> ensuredRepositories = ConcurrentHashMap.newKeySet();

    /**
     * A new session of {@code host} with {@code options}; credentials are resolved now, so their absence fails early.
     * The goals of one build share one through {@link EcrSessions}.
     */
    public static EcrSession open(EcrRegistryHost host, EcrOptions options) {
        return create(host, options);
    }

    /** Whether {@code repository} is yet to be found or created in this session (true once per repository). */
    boolean firstEnsure(String repository) {
        return ensuredRepositories.add(repository);
    }

    private static EcrSession create(EcrRegistryHost host, EcrOptions options) {
        Region region = Region.of(host.region());
        AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().profileName(options.profile()).build();
        try {
            credentials.resolveCredentials();
        } catch (SdkClientException e) {
            throw new EcrCallException.NoCredentials(host, options);
        }
        if (options.roleArn() != null) {
            StsClient sts = StsClient.builder().region(region).credentialsProvider(credentials).build();
            credentials = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                    .refreshRequest(r -> r.roleArn(options.roleArn()).roleSessionName("platform-image-maven-plugin"))
                    .build();
        }
        EcrClientBuilder builder = EcrClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(c -> c
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(options.maxAttempts()).build())
                        .apiCallAttemptTimeout(options.attemptTimeout())
                        .apiCallTimeout(options.attemptTimeout().multipliedBy(options.maxAttempts() + 1L)));
        if (host.fips()) {
            builder.fipsEnabled(true);
        }
        if (host.dualStack()) {
            builder.dualstackEnabled(true); // the API at ecr.REGION.api.aws, as the registry host is dual-stack
        }
        if (options.endpoint() != null) {
            builder.endpointOverride(options.endpoint());
        }
        return new EcrSession(host, options, builder.build());
    }

    /** True the first time only: what is said about the session is said once per Maven run, not once per goal. */
    public boolean firstUse() {
        return introduced.compareAndSet(false, true);
    }

    public EcrRegistryHost host() {
        return host;
    }

    /**
     * Where image bytes go (Docker Registry API): the registry host, or platform.ecr.registryEndpoint. Known
     * without any call to AWS.
     */
    public String registryAddress() {
        return options.registryEndpoint() != null ? options.registryEndpoint() : host.host();
    }

    /** The account id every call names as registryId. */
    public String registryId() {
        return host.account();
    }

    /** Runs one ECR API call, counted by operation; failures become {@link EcrCallException} with code and request id. */
    public <T> T call(String operation, Supplier<T> call) {
        calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        try {
            return call.get();
        } catch (SdkException e) {
            throw EcrCallException.of(operation, e);
        }
    }

    /** Checked exceptions of the SDK pass through as they are, for callers that expect one (e.g. not found). */
    public <T> T callExpecting(String operation, Supplier<T> call, Class<? extends SdkException> expected) {
        calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        try {
            return call.get();
        } catch (SdkException e) {
            if (expected.isInstance(e)) {
                throw e;
            }
            throw EcrCallException.of(operation, e);
        }
    }

    public EcrClient client() {
        return client;
    }

    /** ECR API calls so far, e.g. {@code ECR API 123456789012 eu-west-1: 2 (ListImages 1, GetAuthorizationToken 1)}. */
    public String callCounts() {
        int total = calls.values().stream().mapToInt(AtomicInteger::get).sum();
        StringBuilder detail = new StringBuilder();
        calls.forEach((op, n) -> detail.append(detail.length() == 0 ? "" : ", ").append(op).append(' ').append(n.get()));
        return "ECR API " + host.account() + " " + host.region() + ": " + total + (total == 0 ? "" : " (" + detail + ")");
    }

    /** The registry authorization, fetched with GetAuthorizationToken when missing or about to expire. */
    public Authorization authorization() {
        Authorization current = authorization;
        if (current == null || current.credentials().expiresSoon()) {
            synchronized (this) {
                current = authorization;
                if (current == null || current.credentials().expiresSoon()) {
                    authorization = current = fetchAuthorization();
                }
            }
        }
        return current;
    }

    private Authorization fetchAuthorization() {
        AuthorizationData data = call("GetAuthorizationToken", () -> client.getAuthorizationToken(r -> { }))
                .authorizationData().stream().findFirst()
                .orElseThrow(() -> new EcrCallException.Unexpected("GetAuthorizationToken returned no authorization data"));
        String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new EcrCallException.Unexpected("GetAuthorizationToken returned a token that is not user:password");
        }
        Instant expires = data.expiresAt() == null ? Instant.now().plus(Duration.ofHours(12)) : data.expiresAt();
        return new Authorization(new RegistryCredentials(decoded.substring(0, colon), decoded.substring(colon + 1), expires),
                registryAddress(), expires);
    }

    /**
     * The registry's scanning configuration, read once per session; {@link RegistryScanning#UNKNOWN} when it cannot
     * be read (a policy without ecr:GetRegistryScanningConfiguration), with a warning-worthy reason in the log.
     */
    public RegistryScanning scanning() {
        RegistryScanning current = scanning;
        if (current == null) {
            try {
                var configuration = call("GetRegistryScanningConfiguration", () -> client.getRegistryScanningConfiguration(r -> { }))
                        .scanningConfiguration();
                current = configuration == null ? new RegistryScanning("BASIC", java.util.List.of())
                        : new RegistryScanning(configuration.scanTypeAsString() == null ? "BASIC" : configuration.scanTypeAsString(),
                        configuration.rules().stream().map(rule -> new RegistryScanning.Rule(rule.scanFrequencyAsString(),
                                rule.repositoryFilters().stream().map(f -> f.filter()).toList())).toList());
            } catch (EcrCallException e) {
                current = RegistryScanning.UNKNOWN;
            }
            scanning = current;
        }
        return current;
    }

    /** Which credential sources were tried, for the error when none gave credentials. */
    static String sourcesTried(EcrOptions options) {
        return "the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), Java system properties (aws.accessKeyId), "
                + "web identity (AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN, as CI OIDC sets up), the profile '"
                + (options.profile() == null ? System.getenv().getOrDefault("AWS_PROFILE", "default") : options.profile())
                + "' in ~/.aws/credentials and ~/.aws/config, container credentials (ECS, EKS) and the EC2 instance role";
    }
}
