package dev.platformimages.release;

/**
 * The step that failed, as a failure notification names it: the release's steps, and the goals run on their own
 * (each goal reports its own step, so a failed rollback is never announced as a failed push).
 */
public enum ReleaseStep {
    CHECK("check"),
    BUILD("build"),
    SELF_TEST("self-test"),
    INTEGRATION_TEST("integration test"),
    SCAN("scan"),
    PUSH("push"),
    NOTIFY("notify"),
    STATUS("status"),
    ROLLBACK("rollback"),
    PRUNE("prune"),
    LIFECYCLE_POLICY("lifecycle policy"),
    CHANGES("changes"),
    VERIFY("verify"),
    PLAN("plan");

    private final String label;

    ReleaseStep(String label) {
        this.label = label;
    }

    /**
     * Whether this step is part of a release that check-update planned in this run (build to push), so that the
     * release state says what it published; a check, or a goal run on its own, published nothing of it.
     */
    public boolean continuesARelease() {
        return switch (this) {
            case BUILD, SELF_TEST, INTEGRATION_TEST, SCAN, PUSH, NOTIFY -> true;
            default -> false;
        };
    }

    /** How people call this step, e.g. {@code integration test}. */
    public String label() {
        return label;
    }
}
