package dev.platformimages.plugin;

import dev.platformimages.gate.GatePlan;
import dev.platformimages.release.ReleaseFailure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfiguredGatesTest {

    private static ConfiguredGates gates(List<String> selfTest, boolean skipTestApps, boolean allowUntested) {
        return new ConfiguredGates(selfTest, null, null, null, skipTestApps, allowUntested, 100);
    }

    @Test
    void aSelfTestIsAGate() {
        ConfiguredGates configured = gates(List.of("/bin/sh", "-c", "true"), false, false);
        GatePlan plan = configured.plan();
        assertFalse(plan.isEmpty());
        assertFalse(configured.untestedRelease(plan, false, "r/img"));
        assertEquals(List.of(), configured.testAppNames());
    }

    @Test
    void nothingToTestFailsNamingTheImageAndTheWayOut() {
        ConfiguredGates configured = gates(null, false, false);
        ReleaseFailure failure = assertThrows(ReleaseFailure.class,
                () -> configured.untestedRelease(configured.plan(), false, "127.0.0.1:5000/img"));
        assertTrue(failure.getMessage().startsWith("no gate would test 127.0.0.1:5000/img before it is published: it has no "
                + "self-test and no test app."), failure.getMessage());
        assertTrue(failure.getMessage().contains("platform.allowUntested=true"), failure.getMessage());
    }

    @Test
    void skippedTestAppsAreNamedAsTheReasonNothingTests() {
        ConfiguredGates configured = gates(List.of(), true, false);
        ReleaseFailure failure = assertThrows(ReleaseFailure.class,
                () -> configured.untestedRelease(configured.plan(), false, "r/img"));
        assertTrue(failure.getMessage().contains("no self-test and platform.skipTestApps=true leaves out its test apps"),
                failure.getMessage());
    }

    @Test
    void theScanGateAloneTestsTheRelease() {
        ConfiguredGates configured = gates(null, false, false);
        assertFalse(configured.untestedRelease(configured.plan(), true, "r/img"));
    }

    @Test
    void allowUntestedLetsAnUntestedReleaseThrough() {
        ConfiguredGates configured = gates(null, false, true);
        assertTrue(configured.untestedRelease(configured.plan(), false, "r/img"));
    }
}
