package dev.platformimages.ecr;

import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;

import java.util.Optional;

/** Reads the findings of a completed ECR scan of one image (every page), without starting or waiting for one. */
public final class ScanReader {

    private static final int PAGE = 1000;

    private final EcrSession session;

    public ScanReader(EcrSession session) {
        this.session = session;
    }

    /** The findings of {@code digest}'s completed scan; empty when it has none, or it is not complete. */
    public Optional<ScanFindings> completed(String repository, String digest) {
        DescribeImageScanFindingsResponse first;
        try {
            first = page(repository, digest, null);
        } catch (ScanNotFoundException e) {
            return Optional.empty();
        }
        ScanProgress progress = ScanProgress.of(first.imageScanStatus() == null ? null : first.imageScanStatus().statusAsString(),
                first.imageScanStatus() == null ? null : first.imageScanStatus().description(),
                first.imageScanFindings() == null ? null : first.imageScanFindings().imageScanCompletedAt());
        if (progress.state() != ScanProgress.State.DONE) {
            return Optional.empty();
        }
        ScanFindings findings = new ScanFindings();
        findings.add(first.imageScanFindings());
        for (String next = first.nextToken(); next != null; ) {
            DescribeImageScanFindingsResponse page = page(repository, digest, next);
            findings.add(page.imageScanFindings());
            next = page.nextToken();
        }
        return Optional.of(findings);
    }

    private DescribeImageScanFindingsResponse page(String repository, String digest, String nextToken) {
        return session.callExpecting("DescribeImageScanFindings", () -> session.client().describeImageScanFindings(r -> r
                .registryId(session.registryId()).repositoryName(repository).imageId(i -> i.imageDigest(digest))
                .maxResults(PAGE).nextToken(nextToken)), ScanNotFoundException.class);
    }
}
