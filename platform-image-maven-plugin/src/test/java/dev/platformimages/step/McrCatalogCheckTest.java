package dev.platformimages.step;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.platformimages.registry.McrCatalog;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MCR catalog mode against WireMock answering as mcr.microsoft.com/api/v1/catalog does. */
class McrCatalogCheckTest {

    private static final String TAGS = "/api/v1/catalog/dotnet/runtime/tags";
    private static final String DIGEST = "sha256:" + "d".repeat(64);

    @TempDir
    Path dir;
    private WireMockServer mcr;
    private final RecordingLog releaseLog = new RecordingLog();
    private final List<String> log = releaseLog.lines;

    @BeforeEach
    void start() {
        mcr = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        mcr.start();
    }

    @AfterEach
    void stop() {
        mcr.stop();
    }

    private ReleaseState check(String fromLine) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), fromLine + "\nUSER 1000\n");
        ImageDefinition definition = new ImageDefinition(dir.resolve("Dockerfile"), dir, Set.of(), Map.of());
        return new UpdateChecker(new InMemoryRegistry(), releaseLog)
                .withMcrCatalog(new McrCatalog(URI.create("http://127.0.0.1:" + mcr.port()), Duration.ofSeconds(5)))
                .check(definition, new ReleaseTarget("127.0.0.1:5000", "platform/dotnet-runtime", "8.0", List.of()), false, null);
    }

    @Test
    void theCatalogsDigestIsTheBaseDigestForTheArchitectureBuilt() throws Exception {
        mcr.stubFor(get(urlEqualTo(TAGS)).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("["
                + "{\"name\":\"8.0\",\"architecture\":\"arm64\",\"operatingSystem\":\"linux\",\"digest\":\"sha256:" + "a".repeat(64)
                + "\",\"lastModifiedDate\":\"2026-11-20T10:00:00Z\"},"
                + "{\"name\":\"8.0\",\"architecture\":\"amd64\",\"operatingSystem\":\"linux\",\"digest\":\"" + DIGEST
                + "\",\"lastModifiedDate\":\"2026-11-20T10:00:00Z\"},"
                + "{\"name\":\"6.0\",\"architecture\":\"amd64\",\"digest\":\"sha256:" + "6".repeat(64) + "\"}]")));
        ReleaseState state = check("FROM mcr.microsoft.com/dotnet/runtime:8.0");
        String expected = System.getProperty("os.arch").contains("aarch64") ? "sha256:" + "a".repeat(64) : DIGEST;
        assertEquals(Map.of("mcr.microsoft.com/dotnet/runtime:8.0", expected), state.baseDigests);
        assertTrue(log.contains("INFO Upstream base mcr.microsoft.com/dotnet/runtime:8.0 -> " + expected + " (MCR catalog)"), log::toString);
    }

    @Test
    void withoutADigestItFallsBackToTheDateWithAWarning() throws Exception {
        mcr.stubFor(get(urlEqualTo(TAGS)).willReturn(aResponse().withBody(
                "[{\"name\":\"8.0\",\"lastModifiedDate\":\"2026-11-20T10:00:00Z\"}]")));
        ReleaseState state = check("FROM mcr.microsoft.com/dotnet/runtime:8.0");
        assertEquals("date:2026-11-20T10:00:00Z", state.baseDigests.get("mcr.microsoft.com/dotnet/runtime:8.0"));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN The MCR catalog gives no digest for mcr.microsoft.com/dotnet/runtime:8.0: "
                + "comparing its lastModifiedDate")), log::toString);
    }

    @Test
    void aTagTheCatalogDoesNotListIsNamedWithTheParameter() {
        mcr.stubFor(get(urlEqualTo(TAGS)).willReturn(aResponse().withBody("[{\"name\":\"6.0\",\"digest\":\"" + DIGEST + "\"}]")));
        String message = assertThrows(ReleaseFailure.class, () -> check("FROM mcr.microsoft.com/dotnet/runtime:8.0")).getMessage();
        assertEquals("Dockerfile line 1: the MCR catalog lists no tag '8.0' for dotnet/runtime (platform.mcrCatalog): check "
                + "the FROM line, or leave platform.mcrCatalog unset to ask the registry itself", message);
    }

    @Test
    void aCatalogThatFailsIsNamed() {
        mcr.stubFor(get(urlEqualTo(TAGS)).willReturn(aResponse().withStatus(503)));
        String message = assertThrows(ReleaseFailure.class, () -> check("FROM mcr.microsoft.com/dotnet/runtime:8.0")).getMessage();
        assertTrue(message.contains("the MCR catalog answered 503 for dotnet/runtime (platform.mcrCatalog)"), message);
        assertTrue(assertThrows(RegistryException.class, () -> new McrCatalog(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(2))
                .find("dotnet/runtime", "8.0", "amd64")).getMessage().startsWith("cannot reach the MCR catalog"));
    }
}
