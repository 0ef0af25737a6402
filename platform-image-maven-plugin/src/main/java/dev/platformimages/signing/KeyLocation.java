package dev.platformimages.signing;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where {@code platform.signing.key} says the key is: a PEM file, or an AWS KMS key as cosign names one,
 * {@code awskms:///KEY} or {@code awskms://ENDPOINT/KEY}, KEY being a key id, key ARN, {@code alias/NAME} or alias
 * ARN, ENDPOINT a host[:port] of the KMS API (a VPC endpoint, or a test double).
 */
public record KeyLocation(Path file, String kmsKey, String kmsEndpoint) {

    public static final String KMS_SCHEME = "awskms://";

    public static KeyLocation parse(String value, Path baseDirectory) {
        String v = value.trim();
        if (v.startsWith(KMS_SCHEME)) {
            String rest = v.substring(KMS_SCHEME.length());
            int slash = rest.indexOf('/');
            if (slash < 0 || slash == rest.length() - 1) {
                throw new IllegalArgumentException("platform.signing.key " + v + " names no key: write awskms:///alias/NAME, "
                        + "awskms:///arn:aws:kms:REGION:ACCOUNT:key/ID or awskms://ENDPOINT/KEY");
            }
            String endpoint = rest.substring(0, slash);
            return new KeyLocation(null, rest.substring(slash + 1), endpoint.isEmpty() ? null : endpoint);
        }
        if (v.contains("://")) {
            throw new IllegalArgumentException("platform.signing.key takes a PEM file or an awskms:// URI, not "
                    + URI.create(v.replaceAll("\\s", "")).getScheme() + "://");
        }
        Path path = Path.of(v);
        return new KeyLocation(path.isAbsolute() ? path : baseDirectory.resolve(path), null, null);
    }

    public boolean kms() {
        return kmsKey != null;
    }

    /** The region of a key or alias ARN ({@code arn:aws:kms:REGION:...}), else null. */
    public String arnRegion() {
        if (kmsKey != null && kmsKey.startsWith("arn:")) {
            String[] parts = kmsKey.split(":", 6);
            return parts.length > 4 && !parts[3].isEmpty() ? parts[3] : null;
        }
        return null;
    }
}
