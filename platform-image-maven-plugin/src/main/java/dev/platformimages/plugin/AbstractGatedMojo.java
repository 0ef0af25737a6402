package dev.platformimages.plugin;

import dev.platformimages.ecr.ScanPolicy;
import dev.platformimages.gate.GatePlan;
import dev.platformimages.plugin.config.ScanConfiguration;
import dev.platformimages.release.ReleaseFailure;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/**
 * The goals that read the image's gates as well as its definition: check-update (to check the gates' configuration
 * before anything is built), docker-build (again, before it builds) and integration-test (to run them).
 */
abstract class AbstractGatedMojo extends AbstractImageDefinitionMojo {

    static final String PROPERTY_FAILURE_LOG_LINES = "platform.failureLogLines";

    /**
     * The self-test command, one arg element per word, run in a fresh container of the new image with the first
     * word as entrypoint, for example /bin/sh, -c, test "$(id -u)" = 1000. For several, use selfTests.
     */
    @Parameter
    protected List<String> selfTest;

    /**
     * Named self-tests run in order, each in a fresh container of the new image; each must exit 0. Each element
     * has a name (default: the command), and either command (one arg element per word) or shell (one line run by
     * /bin/sh -c), for example: the runtime prints its version, the package manager installs a package, the user
     * is not root.
     */
    @Parameter
    protected List<SelfTestCommand> selfTests;

    /**
     * A test app built FROM the new image and probed over HTTP: name (default: its folder's name), dockerfile,
     * context (default: the Dockerfile's folder), baseImageArg (default PLATFORM_IMAGE), or replaceFrom (the FROM
     * image to replace by the image under test, in a copy of the Dockerfile: only the stage naming it changes),
     * buildArgs, port (default 8080), method (default GET), path (default /), headers, body, contentType,
     * expectStatus (default 200; also 200,204 or 2xx), expectBodyContains, expectBodyMatches (a regular
     * expression), expectJsonPointer (such as /color) with expectJsonValue, waitForHealthy (the container's
     * HEALTHCHECK must report healthy first), timeoutSeconds (default 60). For several, use integrationTests.
     */
    @Parameter
    protected IntegrationTest integrationTest;

    /** More test apps, each configured like integrationTest, run in order after it. */
    @Parameter
    protected List<IntegrationTest> integrationTests;

    /**
     * Run the self-tests only, none of the test apps: for an image that serves nothing an app could be probed on
     * (a runtime-deps or SDK image), or where a test app cannot be built. The log names the test apps not run.
     */
    @Parameter(property = "platform.skipTestApps", defaultValue = "false")
    protected boolean skipTestApps;

    /**
     * Publishes an image that no gate tests (no self-test, no test app, no scan gate; also when
     * platform.skipTestApps=true leaves none). Off by default: such a release fails in check-update, before anything
     * is built, saying how to add a gate. When on, the image carries the label dev.platformimages.untested=true,
     * the notification says it was released untested, and status shows it.
     */
    @Parameter(property = "platform.allowUntested", defaultValue = "false")
    protected boolean allowUntested;

    /** How many lines of a failed test container's log are printed (and the last 20 of them notified). */
    @Parameter(property = PROPERTY_FAILURE_LOG_LINES, defaultValue = "100")
    protected int failureLogLines;

    /**
     * ECR's scan gate (ECR registries only). Each element can also be given as its property (in parentheses); an
     * element written here wins over the property.
     * <ul>
     * <li>{@code <failOn>} (platform.scan.failOn): the lowest severity (CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL)
     * whose findings block a release. The integration-test goal waits for ECR's scan of the draft, each platform
     * image of a multi-arch one (basic scanning, where a scan is started when none runs, or enhanced scanning with
     * Amazon Inspector, whose findings are counted over every page once a first scan completed) and fails when more
     * than maxFindings findings are at or above it, printing the top findings. Unset (default): no scan gate.</li>
     * <li>{@code <maxFindings>} (platform.scan.maxFindings, default 0): findings at or above failOn that are still
     * accepted.</li>
     * <li>{@code <timeoutSeconds>} (platform.scan.timeoutSeconds, default 600): how long the scan gate waits for the
     * scan to complete before it fails the release.</li>
     * </ul>
     */
    @Parameter
    protected ScanConfiguration scan;

    /** The scan gate's policy, or null when off; fails on a bad value or when the registry is not ECR. */
    protected ScanPolicy scanPolicy() {
        ScanConfiguration.Values values = ScanConfiguration.resolve(scan, properties());
        ScanPolicy policy;
        try {
            policy = ScanPolicy.parse(values.failOn(), values.maxFindings());
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
        if (policy == null) {
            return null;
        }
        if (values.timeoutSeconds() < 1) {
            throw new ReleaseFailure("platform.scan.timeoutSeconds is " + values.timeoutSeconds() + ": give the wait in seconds, at least 1");
        }
        if (hub().ecr().isEmpty()) {
            throw new ReleaseFailure("platform.scan.failOn is set but " + registry + " is not an ECR registry: the scan gate "
                    + "reads ECR's scan findings (ACCOUNT.dkr.ecr.REGION.amazonaws.com)");
        }
        return policy;
    }

    /** The gates as configured; {@link ConfiguredGates#plan()} checks them. */
    protected ConfiguredGates configuredGates() {
        return new ConfiguredGates(selfTest, selfTests, integrationTest, integrationTests, skipTestApps, allowUntested,
                failureLogLines);
    }

    /** The gates, checked: a bad configuration fails here, before anything is built. */
    protected GatePlan gates() {
        return configuredGates().plan();
    }
}
