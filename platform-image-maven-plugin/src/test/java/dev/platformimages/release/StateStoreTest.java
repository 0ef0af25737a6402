package dev.platformimages.release;

import dev.platformimages.decision.UpdateReason;
import dev.platformimages.packages.InstalledPackage;
import dev.platformimages.packages.PackageInventory;
import dev.platformimages.packages.PackageManager;
import dev.platformimages.packages.PackageReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StateStoreTest {

    @TempDir
    Path target;

    @Test
    void theReleaseNotesOfTheStateSurviveTheFileBetweenGoals() {
        ReleaseState state = new ReleaseState();
        state.reason = UpdateReason.PACKAGES_OUTDATED;
        PackageReport report = PackageReport.between(
                Map.of("linux/amd64", new PackageInventory(PackageManager.DPKG, List.of(new InstalledPackage("a", "1", "a", null, "all")), null)),
                Map.of("linux/amd64", new PackageInventory(PackageManager.DPKG, List.of(new InstalledPackage("a", "2", "a", null, "all"),
                        new InstalledPackage("b", "1", "src", "0.9", "amd64")), null))).withNotTaken(List.of("c 1 -> 2"));
        state.packagesChanged(report);
        new StateStore(target).write(state);

        ReleaseState read = new StateStore(target).read().orElseThrow();
        assertEquals(report, read.packages);
        assertEquals(report.lines(), read.packages.lines());
        assertEquals(UpdateReason.PACKAGES_OUTDATED, read.reason);

        state.packagesChanged(PackageReport.note("no earlier version to compare with"));
        new StateStore(target).write(state);
        assertEquals(state.packages, new StateStore(target).read().orElseThrow().packages);
    }
}
