package dev.platformimages.ecr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.service.RecordingLog;
import dev.platformimages.service.ReleaseFailure;
import dev.platformimages.service.ReleaseStep;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.platformimages.ecr.EcrStub.call;
import static dev.platformimages.ecr.EcrStub.error;
import static dev.platformimages.ecr.EcrStub.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lifecycle policies (apply, unchanged, dry run with preview) and the scan gate against the ECR API's shapes. */
class EcrGatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIGEST = "sha256:" + "d".repeat(64);
    private static final LifecyclePolicy POLICY = LifecyclePolicy.forPlatformImage("1.35", List.of("latest", "1.35"), 30, 7, 30);

    private EcrStub ecr;
    private final RecordingLog log = new RecordingLog();
    private final List<Duration> waits = new ArrayList<>();

    @BeforeAll
    static void credentials() {
        EcrStub.useTestCredentials();
    }

    @AfterAll
    static void noCredentials() {
        EcrStub.clearTestCredentials();
    }

    @BeforeEach
    void start() {
        ecr = new EcrStub();
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
        assertEquals("the scan gate failed: 1 finding(s) at HIGH or above (CRITICAL 1), at most 0 allowed; nothing was published",
                failure.getMessage());
        assertEquals(List.of("CRITICAL CVE-2024-6387 in openssh 1:9.2p1-2"), failure.log());
        assertEquals(List.of(Duration.ofSeconds(2)), waits);
        assertTrue(ecr.requests("DescribeImageScanFindings").get(0).getBodyAsString().contains(DIGEST));
    }

    @Test
    void theScanGatePassesWhenTheFindingsAreBelowTheThreshold() {
        ecr.server.stubFor(call("DescribeImageScanFindings").willReturn(ok(CRITICAL_FINDINGS)));
        gate().check("platform/busybox", DIGEST, ScanPolicy.parse("CRITICAL", 1), Duration.ofSeconds(600));
        assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("INFO Scan gate passed after ")), log.lines::toString);
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
        assertTrue(failure.getMessage().contains("ended UNSUPPORTED_IMAGE (UnsupportedImageError"), failure.getMessage());
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
