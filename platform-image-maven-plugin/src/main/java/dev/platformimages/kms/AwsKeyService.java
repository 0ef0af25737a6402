package dev.platformimages.kms;

import dev.platformimages.signing.KeyService;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

import java.net.URI;
import java.time.Duration;

/**
 * AWS KMS through the SDK v2: Sign (MessageType DIGEST, ECDSA_SHA_256) and GetPublicKey of an asymmetric
 * ECC_NIST_P256 SIGN_VERIFY key, with the credentials the ECR session would use (default chain or profile, an
 * optional role). The private key never leaves KMS; no call's bytes are logged.
 */
public final class AwsKeyService implements KeyService {

    private final KmsClient client;

    private AwsKeyService(KmsClient client) {
        this.client = client;
    }

    /**
     * @param endpoint host[:port] of the KMS API, or null for the region's: plain HTTP only on loopback (a test double)
     */
    public static AwsKeyService open(String region, String endpoint, String profile, String roleArn, int maxAttempts) {
        if (region == null) {
            throw new IllegalArgumentException("the KMS key's region is not known: give a key ARN, or set platform.aws.region");
        }
        AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().profileName(profile).build();
        try {
            credentials.resolveCredentials();
        } catch (SdkClientException e) {
            throw new IllegalArgumentException("no AWS credentials to sign with KMS" + (profile == null ? "" : " (profile " + profile + ")")
                    + ": configure the AWS default chain (environment, web identity, profile, instance role) or platform.aws.profile");
        }
        if (roleArn != null) {
            StsClient sts = StsClient.builder().region(Region.of(region)).credentialsProvider(credentials).build();
            credentials = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                    .refreshRequest(r -> r.roleArn(roleArn).roleSessionName("platform-image-maven-plugin")).build();
        }
        KmsClientBuilder builder = KmsClient.builder().region(Region.of(region)).credentialsProvider(credentials)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(maxAttempts).build()).apiCallAttemptTimeout(Duration.ofSeconds(30)));
        if (endpoint != null) {
            String host = endpoint.contains(":") ? endpoint.substring(0, endpoint.lastIndexOf(':')) : endpoint;
            boolean loopback = host.equals("localhost") || host.startsWith("127.");
            builder.endpointOverride(URI.create((loopback ? "http://" : "https://") + endpoint));
        }
        return new AwsKeyService(builder.build());
    }

    @Override
    public byte[] signDigest(String keyId, byte[] digest) {
        try {
            return client.sign(r -> r.keyId(keyId).message(SdkBytes.fromByteArray(digest)).messageType(MessageType.DIGEST)
                    .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signature().asByteArray();
        } catch (SdkException e) {
            throw failure("Sign", keyId, e);
        }
    }

    @Override
    public byte[] publicKey(String keyId) {
        GetPublicKeyResponse key;
        try {
            key = client.getPublicKey(r -> r.keyId(keyId));
        } catch (SdkException e) {
            throw failure("GetPublicKey", keyId, e);
        }
        if (key.keySpec() != KeySpec.ECC_NIST_P256 || key.keyUsage() != KeyUsageType.SIGN_VERIFY) {
            throw new IllegalArgumentException("the KMS key " + keyId + " is " + key.keySpecAsString() + " for "
                    + key.keyUsageAsString() + ": signing takes an asymmetric ECC_NIST_P256 key for SIGN_VERIFY");
        }
        return key.publicKey().asByteArray();
    }

    private static IllegalStateException failure(String operation, String keyId, SdkException e) {
        String code = e instanceof AwsServiceException a && a.awsErrorDetails() != null ? a.awsErrorDetails().errorCode() : null;
        String why = code == null ? e.getMessage() : code + ": " + a(e);
        return new IllegalStateException("KMS " + operation + " of " + keyId + " failed: " + why
                + ("AccessDeniedException".equals(code) ? " (the role needs kms:" + operation + " on the key)" : ""));
    }

    private static String a(SdkException e) {
        AwsServiceException s = (AwsServiceException) e;
        return s.awsErrorDetails().errorMessage() == null ? "" : s.awsErrorDetails().errorMessage();
    }
}
