package dev.platformimages.ecr;

import dev.platformimages.http.Sleeper;
import dev.platformimages.service.ReleaseFailure;
import dev.platformimages.service.ReleaseLog;
import dev.platformimages.service.ReleaseStep;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.EnhancedImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The scan gate: waits (bounded, with backoff) for ECR's scan of the draft (basic scan on push, or enhanced
 * scanning) to complete, then fails the release when the findings at or above the configured severity exceed the
 * allowed count, printing the top findings. A scan that cannot complete blocks the release too: the gate is on
 * because someone wants no unscanned image published.
 */
public final class ScanGate {

    private static final int TOP = 10;

    private final EcrSession session;
    private final ReleaseLog log;
    private final Sleeper sleeper;

    public ScanGate(EcrSession session, ReleaseLog log, Sleeper sleeper) {
        this.session = session;
        this.log = log;
        this.sleeper = sleeper;
    }

    /** A finding as the log shows it. */
    record Finding(String id, String severity, String packageName, String packageVersion) {
        @Override
        public String toString() {
            return severity + " " + id + " in " + (packageName == null ? "?" : packageName)
                    + (packageVersion == null ? "" : " " + packageVersion);
        }
    }

    public void check(String repository, String digest, ScanPolicy policy, Duration timeout) {
        log.info("Scan gate: waiting for ECR's scan of " + repository + "@" + digest + " (fails on more than "
                + policy.maxFindings() + " finding(s) at " + policy.failOn() + " or above; up to " + timeout.toSeconds() + " s)");
        Instant started = Instant.now();
        Instant deadline = started.plus(timeout);
        Duration wait = Duration.ofSeconds(2);
        boolean startedScan = false;
        DescribeImageScanFindingsResponse findings;
        while (true) {
            try {
                findings = session.callExpecting("DescribeImageScanFindings", () -> session.client().describeImageScanFindings(r -> r
                        .registryId(session.registryId()).repositoryName(repository).imageId(i -> i.imageDigest(digest))
                        .maxResults(1000)), ScanNotFoundException.class);
                String status = findings.imageScanStatus() == null ? "PENDING" : findings.imageScanStatus().statusAsString();
                if (status.equals("COMPLETE") || status.equals("ACTIVE")) {
                    break;
                }
                if (!status.equals("IN_PROGRESS") && !status.equals("PENDING")) {
                    String why = findings.imageScanStatus().description();
                    throw new ReleaseFailure(ReleaseStep.SCAN, "the scan of " + repository + "@" + digest + " ended "
                            + status + (why == null ? "" : " (" + why + ")") + ": with platform.scan.failOn set, an "
                            + "image that could not be scanned is not published", "", List.of(), null);
                }
            } catch (ScanNotFoundException e) {
                if (!startedScan) {
                    // No scan on push here: start a basic scan of the draft ourselves, once.
                    session.call("StartImageScan", () -> session.client().startImageScan(r -> r
                            .registryId(session.registryId()).repositoryName(repository).imageId(i -> i.imageDigest(digest))));
                    log.info("  no scan of the draft yet: started one (StartImageScan)");
                    startedScan = true;
                }
            }
            if (Instant.now().plus(wait).isAfter(deadline)) {
                throw new ReleaseFailure(ReleaseStep.SCAN, "the scan of " + repository + "@" + digest + " did not complete "
                        + "within " + timeout.toSeconds() + " s (platform.scan.timeoutSeconds): nothing was published",
                        "", List.of(), null);
            }
            sleep(wait);
            wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(20)) > 0 ? Duration.ofSeconds(20) : wait.multipliedBy(2);
        }
        Map<String, Integer> counts = findings.imageScanFindings() == null ? Map.of()
                : findings.imageScanFindings().findingSeverityCountsAsStrings();
        List<Finding> top = top(findings, policy);
        long seconds = Duration.between(started, Instant.now()).toSeconds();
        if (policy.passes(counts)) {
            log.info("Scan gate passed after " + seconds + " s: " + policy.describe(counts));
            top.forEach(f -> log.info("  " + f));
            return;
        }
        List<String> lines = top.stream().map(Finding::toString).toList();
        throw new ReleaseFailure(ReleaseStep.SCAN, "the scan gate failed: " + policy.describe(counts)
                + "; nothing was published", "Top findings", lines, null);
    }

    /** The highest findings that count, basic or enhanced, at most {@value #TOP}. */
    private static List<Finding> top(DescribeImageScanFindingsResponse response, ScanPolicy policy) {
        List<Finding> all = new ArrayList<>();
        if (response.imageScanFindings() == null) {
            return all;
        }
        for (ImageScanFinding f : response.imageScanFindings().findings()) {
            String name = null;
            String version = null;
            for (var attribute : f.attributes()) {
                if ("package_name".equals(attribute.key())) {
                    name = attribute.value();
                } else if ("package_version".equals(attribute.key())) {
                    version = attribute.value();
                }
            }
            all.add(new Finding(f.name(), f.severityAsString(), name, version));
        }
        for (EnhancedImageScanFinding f : response.imageScanFindings().enhancedFindings()) {
            var details = f.packageVulnerabilityDetails();
            var pkg = details == null || details.vulnerablePackages().isEmpty() ? null : details.vulnerablePackages().get(0);
            all.add(new Finding(details == null || details.vulnerabilityId() == null ? f.title() : details.vulnerabilityId(),
                    f.severity(), pkg == null ? null : pkg.name(), pkg == null ? null : pkg.version()));
        }
        return all.stream().filter(f -> policy.counts(f.severity()))
                .sorted(Comparator.comparingInt((Finding f) -> ScanPolicy.SEVERITIES.indexOf(f.severity().toUpperCase(java.util.Locale.ROOT))).reversed())
                .limit(TOP).toList();
    }

    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReleaseFailure("interrupted while waiting for the scan of the draft");
        }
    }
}
