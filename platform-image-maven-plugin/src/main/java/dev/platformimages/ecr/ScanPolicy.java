package dev.platformimages.ecr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * When scan findings block a release: {@code failOn} is the lowest severity that counts, and more than
 * {@code maxFindings} findings at or above it fail the gate. Pure: the counts come from ECR.
 */
public record ScanPolicy(String failOn, int maxFindings) {

    /** ECR's severities from lowest to highest; UNDEFINED (no severity given) counts as the lowest. */
    public static final List<String> SEVERITIES = List.of("UNDEFINED", "INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL");

    /** The policy, or null when the gate is off ({@code failOn} blank). */
    public static ScanPolicy parse(String failOn, int maxFindings) {
        if (failOn == null || failOn.isBlank()) {
            return null;
        }
        String severity = failOn.trim().toUpperCase(Locale.ROOT);
        if (!SEVERITIES.contains(severity) || severity.equals("UNDEFINED")) {
            throw new IllegalArgumentException("platform.scan.failOn is '" + failOn + "': use CRITICAL, HIGH, MEDIUM, "
                    + "LOW or INFORMATIONAL (the lowest severity that blocks a release)");
        }
        if (maxFindings < 0) {
            throw new IllegalArgumentException("platform.scan.maxFindings is " + maxFindings + ": use 0 (no finding at "
                    + severity + " or above is accepted) or more");
        }
        return new ScanPolicy(severity, maxFindings);
    }

    /** The severities that count, highest first. */
    public List<String> counted() {
        List<String> counted = new ArrayList<>(SEVERITIES.subList(SEVERITIES.indexOf(failOn), SEVERITIES.size()));
        java.util.Collections.reverse(counted);
        return counted;
    }

    public boolean counts(String severity) {
        return severity != null && SEVERITIES.contains(severity.toUpperCase(Locale.ROOT))
                && SEVERITIES.indexOf(severity.toUpperCase(Locale.ROOT)) >= SEVERITIES.indexOf(failOn);
    }

    /** The findings at or above failOn in {@code severityCounts} (ECR's findingSeverityCounts). */
    public int countedFindings(Map<String, Integer> severityCounts) {
        return severityCounts.entrySet().stream().filter(e -> counts(e.getKey()))
                .mapToInt(e -> e.getValue() == null ? 0 : e.getValue()).sum();
    }

    public boolean passes(Map<String, Integer> severityCounts) {
        return countedFindings(severityCounts) <= maxFindings;
    }

    /** e.g. {@code 3 findings at HIGH or above (CRITICAL 1, HIGH 2), at most 0 allowed}. */
    public String describe(Map<String, Integer> severityCounts) {
        StringBuilder detail = new StringBuilder();
        for (String severity : counted()) {
            Integer n = severityCounts.get(severity);
            if (n != null && n > 0) {
                detail.append(detail.length() == 0 ? "" : ", ").append(severity).append(' ').append(n);
            }
        }
        int counted = countedFindings(severityCounts);
        return counted + " finding(s) at " + failOn + " or above" + (detail.length() == 0 ? "" : " (" + detail + ")")
                + ", at most " + maxFindings + " allowed";
    }
}
