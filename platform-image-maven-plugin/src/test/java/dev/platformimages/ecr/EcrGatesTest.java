package dev.platformimages.ecr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.platformimages.gate.ScanGate;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.step.RecordingLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.platformimages.ecr.FakeEcr.call;
import static dev.platformimages.ecr.FakeEcr.error;
import static dev.platformimages.ecr.FakeEcr.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lifecycle policies (apply, unchanged, dry run with preview) and the scan gate against the ECR API's shapes. */
class EcrGatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIGEST = "sha256:" + "d".repeat(64);
    private static final LifecyclePolicy POLICY = LifecyclePolicy.forPlatformImage("1.35", List.of("latest", "1.35"), 30, 7, 30);

    private FakeEcr ecr;
    private final RecordingLog log = new RecordingLog();
    private final List<Duration> waits = new ArrayList<>();

    @BeforeAll
    static void credentials() {
        FakeEcr.useTestCredentials();
    }

    @AfterAll
    static void noCredentials() {
        FakeEcr.clearTestCredentials();
    }

    @BeforeEach
    void start() {
        ecr = new FakeEcr();
    }

    @AfterEach
    void stop() {
        ecr.close();
    }

    private LifecyclePolicies policies() {
        return new LifecyclePolicies(ecr.session(2), log, waits::add, Duration.ofSeconds(60));
    }

    @Test
    void aNewPolicyIsPutAsRendered() throws Exception {
        ecr.server.stubFor(call("GetLifecyclePolicy").willReturn(error(400, "LifecyclePolicyNotFoundException", "Lifecycle policy does not exist")));
        ecr.server.stubFor(call("PutLifecyclePolicy").willReturn(ok("{}")));

        assertTrue(policies().apply("platform/busybox", POLICY));

        var put = JSON.readTree(ecr.requests("PutLifecyclePolicy").get(0).getBodyAsString());
        assertEquals("platform/busybox", put.get("repositoryName").asText());
        assertEquals(POLICY.tree(), JSON.readTree(put.get("lifecyclePolicyText").asText()));
    }

    @Test
    void theSamePolicyIsNotPutAgain() {
        ecr.server.stubFor(call("GetLifecyclePolicy").willReturn(ok(JSON.createObjectNode()
                .put("lifecyclePolicyText", POLICY.tree().toString()).toString())));
        assertEquals(false, policies().apply("platform/busybox", POLICY));
        assertEquals(0, ecr.requests("PutLifecyclePolicy").size());
        assertTrue(log.lines.contains("INFO Lifecycle policy of platform/busybox is up to date"));
    }

    @Test
    void aDryRunPrintsThePolicyAndEcrsPreviewAndAppliesNothing() throws Exception {
        ecr.server.stubFor(call("StartLifecyclePolicyPreview").willReturn(ok("{\"repositoryName\":\"platform/busybox\",\"status\":\"IN_PROGRESS\"}")));
        ecr.server.stubFor(call("GetLifecyclePolicyPreview").inScenario("preview").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok("{\"status\":\"IN_PROGRESS\"}")).willSetStateTo("done"));
        ecr.server.stubFor(call("GetLifecyclePolicyPreview").inScenario("preview").whenScenarioStateIs("done")
                .willReturn(ok("{\"status\":\"COMPLETE\",\"previewResults\":[{\"imageTags\":[\"draft-1.2.0-0123456789ab\"],"
                        + "\"imageDigest\":\"" + DIGEST + "\",\"imagePushedAt\":1.7E9,\"action\":{\"type\":\"EXPIRE\"},"
                        + "\"appliedRulePriority\":4}],\"summary\":{\"expiringImageTotalCount\":1}}")));

        policies().preview("platform/busybox", POLICY);

        assertEquals(0, ecr.requests("PutLifecyclePolicy").size());
        var start = JSON.readTree(ecr.requests("StartLifecyclePolicyPreview").get(0).getBodyAsString());
        assertEquals(POLICY.tree(), JSON.readTree(start.get("lifecyclePolicyText").asText()));
        assertTrue(log.lines.contains("INFO Preview: the policy would expire 1 image(s)"), log.lines::toString);
        assertTrue(log.lines.contains("INFO   " + DIGEST + " draft-1.2.0-0123456789ab, pushed 2023-11-14T22:13:20Z, by rule 4"),
                log.lines::toString);
        assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("INFO     \"rules\" : [")), "the JSON is printed");
        assertEquals(List.of(Duration.ofSeconds(1)), waits, "polled until complete, no fixed sleep");
    }

    @Test
    void aPreviewLongerThanOnePageIsPrintedWhole() {
        ecr.server.stubFor(call("StartLifecyclePolicyPreview").willReturn(ok("{\"repositoryName\":\"platform/busybox\",\"status\":\"IN_PROGRESS\"}")));
        ecr.server.stubFor(call("GetLifecyclePolicyPreview").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("nextToken"))
                .willReturn(ok("{\"status\":\"COMPLETE\",\"nextToken\":\"p2\",\"previewResults\":[{\"imageTags\":[\"draft-1\"],"
                        + "\"imageDigest\":\"" + DIGEST + "\",\"imagePushedAt\":1.7E9,\"action\":{\"type\":\"EXPIRE\"},"
                        + "\"appliedRulePriority\":4}],\"summary\":{\"expiringImageTotalCount\":2}}")));
        ecr.server.stubFor(call("GetLifecyclePolicyPreview").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("p2"))
                .willReturn(ok("{\"status\":\"COMPLETE\",\"previewResults\":[{\"imageTags\":[\"draft-2\"],"
                        + "\"imageDigest\":\"" + DIGEST + "\",\"imagePushedAt\":1.7E9,\"action\":{\"type\":\"EXPIRE\"},"
                        + "\"appliedRulePriority\":4}],\"summary\":{\"expiringImageTotalCount\":2}}")));

        policies().preview("platform/busybox", POLICY);

        assertTrue(log.lines.contains("INFO Preview: the policy would expire 2 image(s)"), log.lines::toString);
        assertTrue(log.lines.stream().anyMatch(l -> l.contains(" draft-1, pushed")), log.lines::toString);
        assertTrue(log.lines.stream().anyMatch(l -> l.contains(" draft-2, pushed")), "the second page too: " + log.lines);
    }

    private ScanGate gate() {
        return new ScanGate(ecr.session(2), log, waits::add);
    }

    private static final String CRITICAL_FINDINGS = "{\"imageScanStatus\":{\"status\":\"COMPLETE\",\"description\":\"The scan was completed successfully.\"},"
            + "\"imageScanFindings\":{\"findingSeverityCounts\":{\"CRITICAL\":1,\"MEDIUM\":3},\"findings\":["
            + "{\"name\":\"CVE-2024-0001\",\"severity\":\"MEDIUM\",\"attributes\":[{\"key\":\"package_name\",\"value\":\"zlib\"}]},"
            + "{\"name\":\"CVE-2024-6387\",\"severity\":\"CRITICAL\",\"attributes\":[{\"key\":\"package_name\",\"value\":\"openssh\"},"
            + "{\"key\":\"package_version\",\"value\":\"1:9.2p1-2\"}]}]}}";

    @Test
    void theScanGateWaitsForTheScanAndFailsOnACriticalFinding() {
        ecr.server.stubFor(call("DescribeImageScanFindings").inScenario("scan").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok("{\"imageScanStatus\":{\"status\":\"IN_PROGRESS\"}}")).willSetStateTo("done"));
        ecr.server.stubFor(call("DescribeImageScanFindings").inScenario("scan").whenScenarioStateIs("done")
                .willReturn(ok(CRITICAL_FINDINGS)));

        ReleaseFailure failure = assertThrows(ReleaseFailure.class,
                () -> gate().check("platform/busybox", DIGEST, ScanPolicy.parse("HIGH", 0), Duration.ofSeconds(600)));

        assertEquals(ReleaseStep.SCAN, failure.step().orElseThrow());
        assertEquals("the scan gate failed for platform/busybox@" + DIGEST + ": 1 finding(s) at HIGH or above (CRITICAL 1), "
                + "at most 0 allowed (1 page(s) of findings); nothing was published", failure.getMessage());
        assertEquals(List.of("CRITICAL CVE-2024-6387 in openssh 1:9.2p1-2"), failure.log());
        assertEquals(List.of(Duration.ofSeconds(2)), waits);
        assertTrue(ecr.requests("DescribeImageScanFindings").get(0).getBodyAsString().contains(DIGEST));
    }

    @Test
    void theScanGatePassesWhenTheFindingsAreBelowTheThreshold() {
        ecr.server.stubFor(call("DescribeImageScanFindings").willReturn(ok(CRITICAL_FINDINGS)));
        gate().check("platform/busybox", DIGEST, ScanPolicy.parse("CRITICAL", 1), Duration.ofSeconds(600));
        assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("INFO Scan gate passed for platform/busybox@" + DIGEST + " after ")),
                log.lines::toString);
    }

    @Test
    void withoutScanOnPushTheGateStartsABasicScan() {
        ecr.server.stubFor(call("DescribeImageScanFindings").inScenario("scan").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(400, "ScanNotFoundException", "Image scan does not exist")).willSetStateTo("started"));
        ecr.server.stubFor(call("StartImageScan").willReturn(ok("{\"imageScanStatus\":{\"status\":\"IN_PROGRESS\"}}")));
        ecr.server.stubFor(call("DescribeImageScanFindings").inScenario("scan").whenScenarioStateIs("started")
                .willReturn(ok("{\"imageScanStatus\":{\"status\":\"COMPLETE\"},\"imageScanFindings\":{\"findingSeverityCounts\":{}}}")));

        gate().check("platform/busybox", DIGEST, ScanPolicy.parse("CRITICAL", 0), Duration.ofSeconds(600));
        assertEquals(1, ecr.requests("StartImageScan").size());
    }

    @Test
    void aScanThatNeverCompletesFailsAtItsDeadline() {
        ecr.server.stubFor(call("DescribeImageScanFindings").willReturn(ok("{\"imageScanStatus\":{\"status\":\"IN_PROGRESS\"}}")));
        ReleaseFailure failure = assertThrows(ReleaseFailure.class,
                () -> gate().check("platform/busybox", DIGEST, ScanPolicy.parse("CRITICAL", 0), Duration.ofSeconds(1)));
        assertTrue(failure.getMessage().contains("did not complete within 1 s (platform.scan.timeoutSeconds)"), failure.getMessage());
    }

    @Test
    void anUnsupportedImageBlocksTheRelease() {
        ecr.server.stubFor(call("DescribeImageScanFindings").willReturn(ok("{\"imageScanStatus\":{\"status\":\"UNSUPPORTED_IMAGE\","
                + "\"description\":\"UnsupportedImageError: The operating system and/or package manager are not supported.\"}}")));
        ReleaseFailure failure = assertThrows(ReleaseFailure.class,
                () -> gate().check("platform/busybox", DIGEST, ScanPolicy.parse("CRITICAL", 0), Duration.ofSeconds(60)));
        assertTrue(failure.getMessage().contains("ended UNSUPPORTED_IMAGE: ECR cannot scan this image: its operating system or "
                + "package manager is not supported (UnsupportedImageError"), failure.getMessage());
    }

    private static final String DIGEST_ARM = "sha256:" + "e".repeat(64);

    private void registryScans(String type, String frequency, String filter) {
        ecr.server.stubFor(call("GetRegistryScanningConfiguration").willReturn(ok("{\"registryId\":\"123456789012\","
                + "\"scanningConfiguration\":{\"scanType\":\"" + type + "\",\"rules\":[{\"scanFrequency\":\"" + frequency
                + "\",\"repositoryFilters\":[{\"filter\":\"" + filter + "\",\"filterType\":\"WILDCARD\"}]}]}}")));
    }

    /** An Amazon Inspector finding as DescribeImageScanFindings gives it under enhanced scanning. */
    private static String enhanced(String cve, String severity, String status, String pkg) {
        return "{\"awsAccountId\":\"123456789012\",\"findingArn\":\"arn:aws:inspector2:eu-west-1:123456789012:finding/" + cve
                + "\",\"description\":\"" + cve + " in " + pkg + "\",\"severity\":\"" + severity + "\",\"status\":\"" + status
                + "\",\"title\":\"" + cve + " - " + pkg + "\",\"type\":\"PACKAGE_VULNERABILITY\",\"score\":9.8,"
                + "\"firstObservedAt\":1.7E9,\"lastObservedAt\":1.7E9,\"packageVulnerabilityDetails\":{\"vulnerabilityId\":\"" + cve
                + "\",\"source\":\"DEBIAN_CVE\",\"vulnerablePackages\":[{\"name\":\"" + pkg + "\",\"version\":\"3.0.11\"}]}}";
    }

    @Test
    void underEnhancedScanningTheGateWaitsForAFirstScanAndCountsEnhancedFindingsOnEveryPage() throws Exception {
        registryScans("ENHANCED", "CONTINUOUS_SCAN", "platform/*");
        // ACTIVE from the push on; a scan completed only once imageScanCompletedAt is there. No findingSeverityCounts.
        ecr.server.stubFor(call("DescribeImageScanFindings").inScenario("scan").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok("{\"imageScanStatus\":{\"status\":\"ACTIVE\",\"description\":\"Continuous scan is selected for image.\"}}"))
                .willSetStateTo("scanned"));
        ecr.server.stubFor(call("DescribeImageScanFindings").inScenario("scan").whenScenarioStateIs("scanned")
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("nextToken"))
                .willReturn(ok("{\"imageScanStatus\":{\"status\":\"ACTIVE\",\"description\":\"Continuous scan is selected for image.\"},"
                        + "\"imageScanFindings\":{\"imageScanCompletedAt\":1.7E9,\"enhancedFindings\":["
                        + enhanced("CVE-2024-1111", "HIGH", "ACTIVE", "libxml2") + ","
                        + enhanced("CVE-2024-2222", "CRITICAL", "SUPPRESSED", "zlib") + "]},\"nextToken\":\"page-2\"}")));
        ecr.server.stubFor(call("DescribeImageScanFindings").inScenario("scan").whenScenarioStateIs("scanned")
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("page-2"))
                .willReturn(ok("{\"imageScanStatus\":{\"status\":\"ACTIVE\"},\"imageScanFindings\":{\"imageScanCompletedAt\":1.7E9,"
                        + "\"enhancedFindings\":[" + enhanced("CVE-2024-3333", "CRITICAL", "ACTIVE", "openssl") + "]}}")));

        ReleaseFailure failure = assertThrows(ReleaseFailure.class,
                () -> gate().check("platform/busybox", DIGEST, ScanPolicy.parse("HIGH", 0), Duration.ofSeconds(600)));

        assertEquals("the scan gate failed for platform/busybox@" + DIGEST + ": 2 finding(s) at HIGH or above (CRITICAL 1, "
                + "HIGH 1), at most 0 allowed (2 page(s) of findings, 1 suppressed or closed finding(s) not counted); "
                + "nothing was published", failure.getMessage());
        assertEquals(List.of("CRITICAL CVE-2024-3333 in openssl 3.0.11", "HIGH CVE-2024-1111 in libxml2 3.0.11"), failure.log());
        assertEquals(List.of(Duration.ofSeconds(2)), waits, "waited once for the first scan");
        assertEquals(0, ecr.requests("StartImageScan").size(), "no scan is started by hand under enhanced scanning");
        assertTrue(log.lines.get(0).startsWith("INFO Scan gate: ECR scanning is ENHANCED (Amazon Inspector), CONTINUOUS_SCAN for platform/busybox"),
                log.lines::toString);
        assertEquals(3, ecr.requests("DescribeImageScanFindings").size());
        assertEquals(1, ecr.requests("GetRegistryScanningConfiguration").size());
    }

    @Test
    void aMultiArchDraftIsGatedImageByImageNeverByItsIndex() {
        registryScans("BASIC", "SCAN_ON_PUSH", "*");
        ecr.server.stubFor(call("DescribeImageScanFindings").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(DIGEST))
                .willReturn(ok("{\"imageScanStatus\":{\"status\":\"COMPLETE\"},\"imageScanFindings\":{\"findingSeverityCounts\":{}}}")));
        ecr.server.stubFor(call("DescribeImageScanFindings").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(DIGEST_ARM))
                .willReturn(ok(CRITICAL_FINDINGS)));
        java.util.Map<String, String> images = new java.util.LinkedHashMap<>();
        images.put("linux/amd64", DIGEST);
        images.put("linux/arm64", DIGEST_ARM);

        ReleaseFailure failure = assertThrows(ReleaseFailure.class,
                () -> gate().check("platform/busybox", images, ScanPolicy.parse("CRITICAL", 0), Duration.ofSeconds(600)));

        assertTrue(failure.getMessage().startsWith("the scan gate failed for platform/busybox@" + DIGEST_ARM + " (linux/arm64): "
                + "1 finding(s) at CRITICAL"), failure.getMessage());
        assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("INFO Scan gate passed for platform/busybox@" + DIGEST + " (linux/amd64)")),
                log.lines::toString);
        assertEquals(2, ecr.requests("DescribeImageScanFindings").size(), "one per platform image, none for an index");
    }

    /** No scan of the draft, and ECR refuses the one the gate starts with {@code type}: the gate's failure. */
    private ReleaseFailure startedScanRefused(String type, String message) {
        ecr.server.stubFor(call("DescribeImageScanFindings").willReturn(error(400, "ScanNotFoundException", "Image scan does not exist")));
        ecr.server.stubFor(call("StartImageScan").willReturn(error(400, type, message)));
        ReleaseFailure failure = assertThrows(ReleaseFailure.class,
                () -> gate().check("platform/busybox", DIGEST, ScanPolicy.parse("CRITICAL", 0), Duration.ofSeconds(600)));
        assertEquals(ReleaseStep.SCAN, failure.step().orElseThrow());
        return failure;
    }

    @Test
    void aBasicScanAlreadyUsedTodayIsASCANFailureThatSaysSo() {
        registryScans("BASIC", "SCAN_ON_PUSH", "other/*");

        ReleaseFailure failure = startedScanRefused("LimitExceededException",
                "The scan quota per image has been exceeded. Wait and try again.");

        assertTrue(failure.getMessage().startsWith("ECR refused to scan platform/busybox@" + DIGEST + " (StartImageScan: "
                + "LimitExceededException: The scan quota per image has been exceeded. Wait and try again.): basic scanning "
                + "allows one scan per image per 24 hours"), failure.getMessage());
        assertTrue(log.lines.get(0).contains("BASIC, MANUAL for platform/busybox (no registry rule matches it"), log.lines::toString);
    }

    @Test
    void anImageTypeEcrCannotScanIsASCANFailureThatSaysSo() {
        registryScans("BASIC", "MANUAL", "*");
        ReleaseFailure failure = startedScanRefused("UnsupportedImageTypeException",
                "An artifact with media type 'application/vnd.oci.image.index.v1+json' cannot be scanned");
        assertEquals("ECR cannot scan platform/busybox@" + DIGEST + " (StartImageScan: UnsupportedImageTypeException: An artifact "
                + "with media type 'application/vnd.oci.image.index.v1+json' cannot be scanned): nothing was published", failure.getMessage());
    }

    @Test
    void underEnhancedScanningARepositoryNoRuleMatchesFailsAtOnceWithoutAManualScan() {
        registryScans("ENHANCED", "SCAN_ON_PUSH", "apps/*");
        ecr.server.stubFor(call("DescribeImageScanFindings").willReturn(error(400, "ScanNotFoundException", "Image scan does not exist")));
        ReleaseFailure failure = assertThrows(ReleaseFailure.class,
                () -> gate().check("platform/busybox", DIGEST, ScanPolicy.parse("CRITICAL", 0), Duration.ofSeconds(600)));
        assertTrue(failure.getMessage().startsWith("the registry scans with Amazon Inspector (ENHANCED) and none of its scanning "
                + "rules matches platform/busybox"), failure.getMessage());
        assertEquals(0, ecr.requests("StartImageScan").size());
        assertEquals(List.of(), waits);
    }

    @Test
    void withoutAwsCredentialsTheErrorSaysWhichSourcesWereTried() {
        String id = System.clearProperty("aws.accessKeyId");
        String secret = System.clearProperty("aws.secretAccessKey");
        System.setProperty("aws.disableEc2Metadata", "true");
        try {
            RegistryException e = assertThrows(RegistryException.class, () -> EcrSession.open(
                    EcrRegistryHost.parse("210987654321.dkr.ecr.eu-west-1.amazonaws.com").orElseThrow(),
                    EcrOptions.of("no-such-profile", null, ecr.endpoint(), 2)));
            assertTrue(e.getMessage().startsWith("no AWS credentials for ECR 210987654321 eu-west-1 "
                    + "(210987654321.dkr.ecr.eu-west-1.amazonaws.com): tried the environment (AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY), Java system properties"), e.getMessage());
            assertTrue(e.getMessage().contains("the profile 'no-such-profile'"), e.getMessage());
            assertEquals(0, ecr.server.getAllServeEvents().size(), "no call without credentials");
        } finally {
            System.clearProperty("aws.disableEc2Metadata");
            System.setProperty("aws.accessKeyId", id);
            System.setProperty("aws.secretAccessKey", secret);
        }
    }
}
