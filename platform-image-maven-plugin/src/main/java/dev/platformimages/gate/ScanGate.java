package dev.platformimages.gate;

import dev.platformimages.clock.Sleeper;
import dev.platformimages.ecr.EcrCallException;
import dev.platformimages.ecr.EcrSession;
import dev.platformimages.ecr.RegistryScanning;
import dev.platformimages.ecr.ScanFindings;
import dev.platformimages.ecr.ScanPolicy;
import dev.platformimages.ecr.ScanProgress;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseStep;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;
import software.amazon.awssdk.services.ecr.model.UnsupportedImageTypeException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The scan gate: waits (bounded, with backoff) for ECR's scan of each image of the draft, basic or enhanced
 * (Amazon Inspector), to have a result, reads every page of its findings, and fails the release when the findings
 * at or above the configured severity exceed the allowed count, printing the top findings. A multi-arch draft is
 * gated platform by platform: ECR scans images, not indexes. A scan that cannot complete blocks the release too:
 * the gate is on because someone wants no unscanned image published.
 */
public final class ScanGate {

    private static final int PAGE = 1000;

    private final EcrSession session;
    private final ReleaseLog log;
    private final Sleeper sleeper;

    public ScanGate(EcrSession session, ReleaseLog log, Sleeper sleeper) {
        this.session = session;
        this.log = log;
        this.sleeper = sleeper;
    }

    /** Gates one image. */
    public void check(String repository, String digest, ScanPolicy policy, Duration timeout) {
        check(repository, Map.of("", digest), policy, timeout);
    }

    /**
     * Gates each image of {@code digests} (platform, e.g. linux/arm64, or "" for a single-platform draft, to image
     * digest), in order; the first that fails stops the release. The timeout holds for all of them together.
     */
    public void check(String repository, Map<String, String> digests, ScanPolicy policy, Duration timeout) {
        RegistryScanning scanning = session.scanning();
        log.info("Scan gate: ECR scanning is " + scanning.describe(repository) + "; fails on more than "
                + policy.maxFindings() + " finding(s) at " + policy.failOn() + " or above; waits up to "
                + timeout.toSeconds() + " s");
        Instant deadline = Instant.now().plus(timeout);
        for (Map.Entry<String, String> image : digests.entrySet()) {
            String where = image.getKey().isEmpty() ? "" : " (" + image.getKey() + ")";
            checkOne(repository, image.getValue(), where, scanning, policy, timeout, deadline);
        }
    }

    private void checkOne(String repository, String digest, String where, RegistryScanning scanning, ScanPolicy policy,
                          Duration timeout, Instant deadline) {
        String image = repository + "@" + digest + where;
        log.info("  waiting for ECR's scan of " + image);
        Instant started = Instant.now();
        Duration wait = Duration.ofSeconds(2);
        boolean startedScan = false;
        DescribeImageScanFindingsResponse first;
        while (true) {
            try {
                first = page(repository, digest, null);
                ScanProgress progress = ScanProgress.of(first.imageScanStatus() == null ? null : first.imageScanStatus().statusAsString(),
                        first.imageScanStatus() == null ? null : first.imageScanStatus().description(),
                        first.imageScanFindings() == null ? null : first.imageScanFindings().imageScanCompletedAt());
                if (progress.state() == ScanProgress.State.DONE) {
                    break;
                }
                if (progress.state() == ScanProgress.State.FAILED) {
                    throw failure("the scan of " + image + " ended " + progress.reason() + ": with platform.scan.failOn "
                            + "set, an image that could not be scanned is not published");
                }
            } catch (ScanNotFoundException e) {
                if (scanning.enhanced()) {
                    if (scanning.frequencyFor(repository).equals("MANUAL")) {
                        throw failure("the registry scans with Amazon Inspector (ENHANCED) and none of its scanning rules "
                                + "matches " + repository + ", so " + image + " is never scanned (enhanced scanning has no "
                                + "scans started by hand): add a rule whose repository filter matches it (ECR console: "
                                + "Private registry, Scanning), or unset platform.scan.failOn");
                    }
                    // A rule matches: Inspector has not taken the image up yet.
                } else if (!startedScan) {
                    startScan(repository, digest, image);
                    startedScan = true;
                }
            }
            if (Instant.now().plus(wait).isAfter(deadline)) {
                throw failure("the scan of " + image + " did not complete within " + timeout.toSeconds()
                        + " s (platform.scan.timeoutSeconds): nothing was published");
            }
            sleep(wait);
            wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(20)) > 0 ? Duration.ofSeconds(20) : wait.multipliedBy(2);
        }
        ScanFindings findings = new ScanFindings();
        findings.add(first.imageScanFindings());
        int pages = 1;
        for (String next = first.nextToken(); next != null; pages++) {
            DescribeImageScanFindingsResponse page = page(repository, digest, next);
            findings.add(page.imageScanFindings());
            next = page.nextToken();
        }
        Map<String, Integer> counts = findings.counts();
        List<String> top = findings.top(policy).stream().map(ScanFindings.Finding::toString).toList();
        long seconds = Duration.between(started, Instant.now()).toSeconds();
        String read = pages + " page(s) of findings" + (findings.notCounted() == 0 ? ""
                : ", " + findings.notCounted() + " suppressed or closed finding(s) not counted");
        if (policy.passes(counts)) {
            log.info("Scan gate passed for " + image + " after " + seconds + " s: " + policy.describe(counts) + " (" + read + ")");
            top.forEach(f -> log.info("  " + f));
            return;
        }
        throw new ReleaseFailure(ReleaseStep.SCAN, "the scan gate failed for " + image + ": " + policy.describe(counts)
                + " (" + read + "); nothing was published", "Top findings", top, null);
    }

    private DescribeImageScanFindingsResponse page(String repository, String digest, String nextToken) {
        return session.callExpecting("DescribeImageScanFindings", () -> session.client().describeImageScanFindings(r -> r
                .registryId(session.registryId()).repositoryName(repository).imageId(i -> i.imageDigest(digest))
                .maxResults(PAGE).nextToken(nextToken)), ScanNotFoundException.class);
    }

    /** No scan on push here: starts a basic scan of the image, once; ECR's refusals are SCAN failures that say why. */
    private void startScan(String repository, String digest, String image) {
        try {
            session.callExpecting("StartImageScan", () -> session.client().startImageScan(r -> r
                    .registryId(session.registryId()).repositoryName(repository).imageId(i -> i.imageDigest(digest))),
                    software.amazon.awssdk.services.ecr.model.EcrException.class);
        } catch (UnsupportedImageTypeException e) {
            throw failure("ECR cannot scan " + image + " (StartImageScan: UnsupportedImageTypeException: "
                    + e.awsErrorDetails().errorMessage() + "): nothing was published");
        } catch (LimitExceededException e) {
            throw failure("ECR refused to scan " + image + " (StartImageScan: LimitExceededException: "
                    + e.awsErrorDetails().errorMessage() + "): basic scanning allows one scan per image per 24 hours, "
                    + "counting the scan on push, and 100,000 per registry a day; turn on scan on push for the "
                    + "repository (a registry scanning rule) so that every draft is scanned once as it arrives");
        } catch (software.amazon.awssdk.services.ecr.model.EcrException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (code.equals("ValidationException") || code.equals("InvalidParameterException")) {
                throw failure("ECR refused to start a scan of " + image + " (StartImageScan: " + code + ": "
                        + e.awsErrorDetails().errorMessage() + "): scans cannot be started by hand under enhanced "
                        + "scanning (Amazon Inspector); add a registry scanning rule for the repository, or unset platform.scan.failOn");
            }
            throw EcrCallException.of("StartImageScan", e);
        }
        log.info("  no scan of " + image + " yet: started a basic scan (StartImageScan)");
    }

    private static ReleaseFailure failure(String message) {
        return new ReleaseFailure(ReleaseStep.SCAN, message, "", List.of(), null);
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
