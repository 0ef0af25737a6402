package dev.platformimages.plugin;

import dev.platformimages.gate.GatePlan;
import dev.platformimages.gate.SelfTest;
import dev.platformimages.gate.TestApp;
import dev.platformimages.release.ReleaseFailure;

import java.util.ArrayList;
import java.util.List;

/**
 * The gates as the POM configures them (selfTest, selfTests, integrationTest, integrationTests, platform.skipTestApps,
 * platform.allowUntested), turned into the plan the gates run, and the decision whether a release may go out untested.
 */
record ConfiguredGates(List<String> selfTest, List<SelfTestCommand> selfTests, IntegrationTest integrationTest,
                       List<IntegrationTest> integrationTests, boolean skipTestApps, boolean allowUntested,
                       int failureLogLines) {

    /**
     * The gates, checked: bad test app configurations (a missing Dockerfile, a FROM that does not use the image
     * under test, an invalid regular expression or JSON pointer) fail here, before anything is built.
     */
    GatePlan plan() {
        List<SelfTest> selfTestList = new ArrayList<>();
        if (selfTest != null && !selfTest.isEmpty()) {
            selfTestList.add(new SelfTest(String.join(" ", selfTest), selfTest));
        }
        if (selfTests != null) {
            for (int i = 0; i < selfTests.size(); i++) {
                selfTestList.add(selfTests.get(i).toSelfTest("selfTests[" + i + "]"));
            }
        }
        List<TestApp> apps = new ArrayList<>();
        if (!skipTestApps) {
            List<IntegrationTest> configured = testApps();
            for (int i = 0; i < configured.size(); i++) {
                boolean single = integrationTest != null && i == 0;
                apps.add(configured.get(i).toTestApp(single ? "integrationTest"
                        : "integrationTests[" + (integrationTest == null ? i : i - 1) + "]"));
            }
        }
        return new GatePlan(selfTestList, apps, failureLogLines).validate();
    }

    /**
     * The names of the configured test apps that exist, for the line that says which ones platform.skipTestApps
     * leaves out (a shared configuration may name a test app an image does not have).
     */
    List<String> testAppNames() {
        return testApps().stream().filter(IntegrationTest::dockerfileExists).map(IntegrationTest::shownName).toList();
    }

    /**
     * Fails when {@code gates} and the scan gate test nothing and platform.allowUntested is off; returns whether the
     * release goes out untested.
     */
    boolean untestedRelease(GatePlan gates, boolean scanGate, String image) {
        if (!gates.isEmpty() || scanGate) {
            return false;
        }
        if (!allowUntested) {
            throw new ReleaseFailure("no gate would test " + image + " before it is published: it "
                    + "has no self-test" + (skipTestApps ? " and platform.skipTestApps=true leaves out its test apps"
                    : " and no test app") + ". Add a self-test (<selfTests><selfTest><name>runs</name><shell>true</shell>"
                    + "</selfTest></selfTests>, a command the image must pass) or a test app (<integrationTest>), or set "
                    + "platform.allowUntested=true to publish it untested (labelled dev.platformimages.untested=true, and "
                    + "announced so)");
        }
        return true;
    }

    private List<IntegrationTest> testApps() {
        List<IntegrationTest> configured = new ArrayList<>();
        if (integrationTest != null) {
            configured.add(integrationTest);
        }
        if (integrationTests != null) {
            configured.addAll(integrationTests);
        }
        return configured;
    }
}
