package dev.platformimages.ecr;

import dev.platformimages.release.FindingsChange;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.model.Attribute;
import software.amazon.awssdk.services.ecr.model.EnhancedImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ImageScanFindings;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScanFindingsTest {

    private static ImageScanFinding basic(String id, String severity, String pkg, String version) {
        return ImageScanFinding.builder().name(id).severity(severity).attributes(
                Attribute.builder().key("package_name").value(pkg).build(),
                Attribute.builder().key("package_version").value(version).build()).build();
    }

    private static ScanFindings of(ImageScanFinding... findings) {
        ScanFindings result = new ScanFindings();
        result.add(ImageScanFindings.builder().findings(findings).build());
        return result;
    }

    @Test
    void findingsFixedAndIntroducedByIdAndPackageTheMostSevereFirst() {
        ScanFindings before = of(basic("CVE-2025-1", "MEDIUM", "zlib1g", "1:1.2.13"), basic("CVE-2025-2", "CRITICAL", "libssl3", "3.0.15"),
                basic("CVE-2025-3", "LOW", "tar", "1.34"));
        ScanFindings after = of(basic("CVE-2025-3", "LOW", "tar", "1.34"), basic("CVE-2025-4", "HIGH", "libc6", "2.36-9"));
        FindingsChange change = after.changesFrom(before);
        assertEquals(List.of("CRITICAL CVE-2025-2 in libssl3 3.0.15", "MEDIUM CVE-2025-1 in zlib1g 1:1.2.13"), change.fixed());
        assertEquals(List.of("HIGH CVE-2025-4 in libc6 2.36-9"), change.introduced());
        assertEquals("scan findings: 2 fixed, 1 introduced", change.summary());
    }

    @Test
    void suppressedEnhancedFindingsAreNeitherFixedNorIntroduced() {
        ScanFindings before = new ScanFindings();
        before.add(ImageScanFindings.builder().enhancedFindings(EnhancedImageScanFinding.builder().status("SUPPRESSED")
                .severity("CRITICAL").title("CVE-2025-9").build()).build());
        assertEquals(new FindingsChange(List.of(), List.of(), null), new ScanFindings().changesFrom(before));
        assertEquals("scan findings not compared: the scan of 1.0.1 is not complete or not there",
                FindingsChange.notCompared("the scan of 1.0.1 is not complete or not there").summary());
    }
}
