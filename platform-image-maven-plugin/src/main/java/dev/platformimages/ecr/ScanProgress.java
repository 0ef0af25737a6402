package dev.platformimages.ecr;

import java.time.Instant;

/**
 * What an image's scan status (DescribeImageScanFindings' imageScanStatus) means for the gate: wait, read the
 * findings, or fail. Pure, and exhaustive over ECR's ScanStatus values.
 * <p>
 * Under enhanced scanning (Amazon Inspector) an image is ACTIVE while it is monitored, from before its first scan
 * completes: ACTIVE counts as a result only once {@code imageScanCompletedAt} says a scan completed.
 */
public record ScanProgress(State state, String reason) {

    public enum State { WAIT, DONE, FAILED }

    public static ScanProgress of(String status, String description, Instant completedAt) {
        String why = description == null || description.isBlank() ? "" : " (" + description.trim() + ")";
        if (status == null) {
            return new ScanProgress(State.WAIT, "no status yet");
        }
        return switch (status) {
            case "PENDING", "IN_PROGRESS" -> new ScanProgress(State.WAIT, status);
            case "COMPLETE" -> new ScanProgress(State.DONE, status);
            case "ACTIVE" -> completedAt != null ? new ScanProgress(State.DONE, "ACTIVE, scanned " + completedAt)
                    : new ScanProgress(State.WAIT, "ACTIVE, first scan not complete yet");
            case "FAILED" -> failed(status, "the scan failed" + why);
            case "UNSUPPORTED_IMAGE" -> failed(status, "ECR cannot scan this image: its operating system or package "
                    + "manager is not supported" + why);
            case "SCAN_ELIGIBILITY_EXPIRED" -> failed(status, "Amazon Inspector no longer monitors this image (the "
                    + "registry's scan duration for it ended)" + why);
            case "FINDINGS_UNAVAILABLE" -> failed(status, "Amazon Inspector has no findings for this image (it is no "
                    + "longer monitored, or its findings were closed)" + why);
            case "LIMIT_EXCEEDED" -> failed(status, "ECR's scan limit was exceeded" + why);
            case "IMAGE_ARCHIVED" -> failed(status, "the image is archived, and archived images are not scanned" + why);
            default -> failed(status, "ECR reports a scan status this plugin does not know" + why);
        };
    }

    private static ScanProgress failed(String status, String reason) {
        return new ScanProgress(State.FAILED, status + ": " + reason);
    }
}
