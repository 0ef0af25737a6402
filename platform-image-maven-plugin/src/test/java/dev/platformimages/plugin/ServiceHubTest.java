package dev.platformimages.plugin;

import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseTarget;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry resolved once from the parameters, and the target named without any network call. */
class ServiceHubTest {

    private static final String ECR = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

    private static RegistryParameters parameters(String registry, String region, String roleArn, String registryEndpoint,
                                                 String insecure, int timeoutSeconds) {
        return new RegistryParameters(registry, timeoutSeconds, insecure, null, null, roleArn, region, 5, null,
                registryEndpoint, true, "IMMUTABLE_WITH_EXCLUSION", null, null, null, false);
    }

    private static ServiceHub hub(RegistryParameters parameters) {
        return new ServiceHub(parameters, new ServiceHub.ImageNames("platform/node", "20-bookworm-slim", "lts, 20", null),
                new ServiceHub.MavenSettings(null, null), BuildServices.of(null), Map.of(), null, null,
                new RecentLog(new SystemStreamLog()));
    }

    @Test
    void aRegistryThatIsNotEcrIgnoresTheAwsSettings() {
        TargetRegistry registry = TargetRegistry.resolve(parameters("127.0.0.1:5000", "us-east-1", "not an arn", null, "", 30));

        assertFalse(registry.isEcr());
        assertNull(registry.ecrOptions());
        assertEquals("127.0.0.1:5000", registry.address());
    }

    @Test
    void imageBytesGoToTheEcrRegistryEndpointWhenGiven() {
        assertEquals(ECR, TargetRegistry.resolve(parameters(ECR, null, null, null, null, 30)).address());
        TargetRegistry viaEndpoint = TargetRegistry.resolve(parameters(ECR, "eu-west-1", null, "vpce-1.dkr.ecr.eu-west-1.vpce.amazonaws.com", null, 30));
        assertTrue(viaEndpoint.isEcr());
        assertEquals("vpce-1.dkr.ecr.eu-west-1.vpce.amazonaws.com", viaEndpoint.address());
    }

    @Test
    void badEcrSettingsNameTheirParameter() {
        assertTrue(assertThrows(ReleaseFailure.class, () -> TargetRegistry.resolve(parameters(ECR, "us-east-1", null, null, null, 30)))
                .getMessage().contains("platform.aws.region"));
        assertTrue(assertThrows(ReleaseFailure.class, () -> TargetRegistry.resolve(parameters(ECR, null, "admin", null, null, 30)))
                .getMessage().contains("platform.aws.roleArn"));
        assertTrue(assertThrows(ReleaseFailure.class, () -> TargetRegistry.resolve(parameters(ECR, null, null, "https://x/y", null, 30)))
                .getMessage().contains("platform.ecr.registryEndpoint"));
    }

    @Test
    void insecureRegistriesAreListedLowerCaseAndTheTimeoutIsChecked() {
        assertEquals(Set.of("lab.example:5000", "other.example"),
                TargetRegistry.resolve(parameters("Lab.Example:5000", null, null, null, " Lab.Example:5000, ,other.example", 30)).insecure());
        assertEquals(Duration.ofSeconds(30), parameters("r.example", null, null, null, null, 30).timeout());
        for (int seconds : new int[] {0, 3601}) {
            assertTrue(assertThrows(ReleaseFailure.class, () -> parameters("r.example", null, null, null, null, seconds).timeout())
                    .getMessage().contains("platform.registryTimeoutSeconds is " + seconds));
        }
    }

    @Test
    void theTargetOfAnEcrRegistryIsNamedWithoutAnyAwsCall() {
        // No AWS credentials here and no endpoint to reach: naming the target must not need either.
        ReleaseTarget target = hub(parameters(ECR, null, null, null, null, 30)).target();

        assertEquals(ECR, target.registry());
        assertEquals("platform/node", target.repository());
        assertEquals(List.of("latest", "20-bookworm-slim", "lts", "20"), target.floatingTags());
    }

    @Test
    void theRecentLogKeepsTheLastLinesOfEveryMessage() {
        RecentLog log = new RecentLog(new SystemStreamLog());
        IntStream.range(0, 30).forEach(i -> log.info("line " + i));
        log.warn("two\nlines");

        List<String> lines = log.lines();
        assertEquals(RecentLog.LINES, lines.size());
        assertEquals(List.of("line 29", "two", "lines"), lines.subList(lines.size() - 3, lines.size()));
    }
}
