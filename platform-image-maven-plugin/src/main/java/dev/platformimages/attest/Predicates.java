package dev.platformimages.attest;

/** The predicate types of what a release carries, as verifiers filter them ({@code cosign verify-attestation --type}). */
public final class Predicates {

    /** cosign v3's signature statement: the image digest as subject, an empty predicate. */
    public static final String COSIGN_SIGN = "https://sigstore.dev/cosign/sign/v1";
    public static final String SLSA_PROVENANCE = "https://slsa.dev/provenance/v1";
    public static final String TEST_RESULT = "https://in-toto.io/attestation/test-result/v0.1";
    public static final String CYCLONEDX = "https://cyclonedx.org/bom";
    public static final String SPDX = "https://spdx.dev/Document";

    private Predicates() {
    }

    /** The short name of a predicate type, for logs and the verify goal's report. */
    public static String name(String predicateType) {
        return switch (predicateType) {
            case COSIGN_SIGN -> "signature";
            case SLSA_PROVENANCE -> "provenance";
            case TEST_RESULT -> "test record";
            case CYCLONEDX -> "CycloneDX SBOM";
            case SPDX -> "SPDX SBOM";
            default -> predicateType;
        };
    }
}
