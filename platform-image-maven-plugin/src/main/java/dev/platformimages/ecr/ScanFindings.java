package dev.platformimages.ecr;

import dev.platformimages.release.FindingsChange;
import software.amazon.awssdk.services.ecr.model.EnhancedImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ImageScanFindings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The findings of one image's scan, gathered over every page of DescribeImageScanFindings. Basic scanning gives
 * {@code findingSeverityCounts} (for all findings, on every page); enhanced scanning gives {@code enhancedFindings},
 * page by page, and no counts, so those are counted here by severity. Findings Amazon Inspector marks SUPPRESSED
 * (a suppression rule of the security team) or CLOSED (fixed) do not count. Where an answer has both, each
 * severity counts the larger number: the gate never counts fewer findings than ECR reports. Pure.
 */
public final class ScanFindings {

    private static final int TOP = 10;

    private final Map<String, Integer> basicCounts = new TreeMap<>();
    private final Map<String, Integer> enhancedCounts = new TreeMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private int notCounted;

    /** A finding as the log shows it. */
    public record Finding(String id, String severity, String packageName, String packageVersion) {
        @Override
        public String toString() {
            return severity + " " + id + " in " + (packageName == null ? "?" : packageName)
                    + (packageVersion == null ? "" : " " + packageVersion);
        }
    }

    /** Adds one page of the answer. */
    public void add(ImageScanFindings page) {
        if (page == null) {
            return;
        }
        page.findingSeverityCountsAsStrings().forEach((severity, n) ->
                basicCounts.merge(severity.toUpperCase(Locale.ROOT), n == null ? 0 : n, Math::max));
        for (ImageScanFinding f : page.findings()) {
            String name = null;
            String version = null;
            for (var attribute : f.attributes()) {
                if ("package_name".equals(attribute.key())) {
                    name = attribute.value();
                } else if ("package_version".equals(attribute.key())) {
                    version = attribute.value();
                }
            }
            findings.add(new Finding(f.name(), f.severityAsString(), name, version));
        }
        for (EnhancedImageScanFinding f : page.enhancedFindings()) {
            String status = f.status() == null ? "ACTIVE" : f.status().toUpperCase(Locale.ROOT);
            if (!status.equals("ACTIVE")) {
                notCounted++;
                continue;
            }
            String severity = f.severity() == null ? "UNDEFINED" : f.severity().toUpperCase(Locale.ROOT);
            enhancedCounts.merge(severity, 1, Integer::sum);
            var details = f.packageVulnerabilityDetails();
            var pkg = details == null || details.vulnerablePackages().isEmpty() ? null : details.vulnerablePackages().get(0);
            findings.add(new Finding(details == null || details.vulnerabilityId() == null ? f.title() : details.vulnerabilityId(),
                    severity, pkg == null ? null : pkg.name(), pkg == null ? null : pkg.version()));
        }
    }

    /** Findings by severity: ECR's counts and the enhanced findings counted, the larger of the two per severity. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>(basicCounts);
        enhancedCounts.forEach((severity, n) -> counts.merge(severity, n, Math::max));
        return counts;
    }

    /** Enhanced findings left out of the counts (SUPPRESSED or CLOSED). */
    public int notCounted() {
        return notCounted;
    }

    /** The highest findings that count under {@code policy}, at most {@value #TOP}. */
    public List<Finding> top(ScanPolicy policy) {
        return findings.stream().filter(f -> policy.counts(f.severity()))
                .sorted(Comparator.comparingInt((Finding f) -> ScanPolicy.SEVERITIES.indexOf(f.severity().toUpperCase(Locale.ROOT))).reversed())
                .limit(TOP).toList();
    }

    /**
     * The findings {@code before} had that these have not (fixed), and those these have that {@code before} had not
     * (introduced), a finding being its id and package; the most severe first.
     */
    public FindingsChange changesFrom(ScanFindings before) {
        java.util.Set<String> old = new java.util.HashSet<>();
        before.findings.forEach(f -> old.add(f.id() + "|" + f.packageName()));
        java.util.Set<String> now = new java.util.HashSet<>();
        findings.forEach(f -> now.add(f.id() + "|" + f.packageName()));
        Comparator<Finding> severest = Comparator.comparingInt((Finding f) -> ScanPolicy.SEVERITIES.indexOf(
                f.severity().toUpperCase(Locale.ROOT))).reversed().thenComparing(Finding::id);
        List<String> fixed = before.findings.stream().filter(f -> !now.contains(f.id() + "|" + f.packageName()))
                .sorted(severest).map(Finding::toString).distinct().toList();
        List<String> introduced = findings.stream().filter(f -> !old.contains(f.id() + "|" + f.packageName()))
                .sorted(severest).map(Finding::toString).distinct().toList();
        return new FindingsChange(fixed, introduced, null);
    }
}
