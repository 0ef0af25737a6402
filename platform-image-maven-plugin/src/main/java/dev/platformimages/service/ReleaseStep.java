package dev.platformimages.service;

/** The step of a release that failed, as a failure notification names it. */
public enum ReleaseStep {
    CHECK("check"),
    BUILD("build"),
    SELF_TEST("self-test"),
    INTEGRATION_TEST("integration test"),
    SCAN("scan"),
    PUSH("push"),
    NOTIFY("notify");

    private final String label;

    ReleaseStep(String label) {
        this.label = label;
    }

    /** How people call this step, e.g. {@code integration test}. */
    public String label() {
        return label;
    }
}
