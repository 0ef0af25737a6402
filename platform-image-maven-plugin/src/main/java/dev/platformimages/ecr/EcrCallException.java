package dev.platformimages.ecr;

import dev.platformimages.registry.RegistryException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** An ECR API call that failed, with the error code and request id AWS support asks for; never a credential. */
public final class EcrCallException extends RegistryException {
    private final String errorCode;

    private EcrCallException(String message, String errorCode, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** The AWS error code, e.g. {@code RepositoryNotFoundException}, or {@code ClientError} when no answer came. */
    public String errorCode() {
        return errorCode;
    }

    public static EcrCallException of(String operation, SdkException e) {
        if (e instanceof AwsServiceException service) {
            var details = service.awsErrorDetails();
            String code = details == null || details.errorCode() == null ? "UnknownError" : details.errorCode();
            String message = details == null || details.errorMessage() == null ? "" : details.errorMessage();
            return new EcrCallException("ECR " + operation + " failed: " + code + (message.isEmpty() ? "" : ": " + message)
                    + " (HTTP " + service.statusCode() + ", request id " + service.requestId() + ")", code, e);
        }
        // Client-side: no credentials, no connection, timeout. The SDK's text names the cause, not a secret.
        return new EcrCallException("ECR " + operation + " could not be sent: " + e.getMessage(), "ClientError", e);
    }

    /** No source of the default chain gave AWS credentials. */
    static final class NoCredentials extends dev.platformimages.registry.RegistryException {
        NoCredentials(EcrRegistryHost host, EcrOptions options) {
            super("no AWS credentials for " + host + " (" + host.host() + "): tried " + EcrSession.sourcesTried(options)
                    + ". Set one of them up (in CI: the AWS service connection or an OIDC role), or set platform.aws.profile");
        }
    }

    /** ECR answered with something the API does not promise. */
    static final class Unexpected extends dev.platformimages.registry.RegistryException {
        Unexpected(String message) {
            super("ECR " + message);
        }
    }
}
