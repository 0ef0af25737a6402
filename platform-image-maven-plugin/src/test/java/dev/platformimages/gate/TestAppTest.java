package dev.platformimages.gate;

import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.step.RecordingLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestAppTest {

    private static final String UNDER_TEST = "127.0.0.1:5000/platform/aspnet:8.0-1.4.0";
    /** The seeds' test app: the build stage FROM the SDK, the runtime stage FROM the platform image. */
    private static final String MULTI_STAGE = String.join("\n",
            "# the runtime stage is what must run on the image under test",
            "ARG SDK=mcr.microsoft.com/dotnet/sdk:8.0",
            "FROM ${SDK} AS build",
            "RUN dotnet publish -o /out",
            "FROM --platform=linux/amd64 mcr.microsoft.com/dotnet/aspnet:8.0 AS runtime",
            "COPY --from=build /out /app",
            "EXPOSE 8080",
            "");

    @TempDir
    Path dir;

    private final RecordingLog releaseLog = new RecordingLog();

    private TestApp app(String dockerfileText, String baseImageArg, String replaceFrom) throws IOException {
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("Dockerfile"), dockerfileText);
        return new TestApp("orders", "integrationTests[0] (orders)", app.resolve("Dockerfile"), app, baseImageArg,
                replaceFrom, Map.of(), 8080, new HttpCheck("GET", "/", null, null, 200, null), Duration.ofSeconds(5), false);
    }

    @Test
    void replaceFromRewritesOnlyTheStageThatNamesTheImageInACopy() throws IOException {
        TestApp app = app(MULTI_STAGE, null, "mcr.microsoft.com/dotnet/aspnet:8.0");
        app.validate();
        Path copy = app.dockerfileFor(UNDER_TEST, dir.resolve("work"), releaseLog);

        assertEquals(MULTI_STAGE, Files.readString(dir.resolve("app/Dockerfile")), "the source is never edited");
        assertEquals(MULTI_STAGE.replace("FROM --platform=linux/amd64 mcr.microsoft.com/dotnet/aspnet:8.0 AS runtime",
                "FROM --platform=linux/amd64 " + UNDER_TEST + " AS runtime"), Files.readString(copy));
        assertTrue(copy.startsWith(dir.resolve("work")));
        assertEquals(List.of("Test app orders: line 5 now reads 'FROM --platform=linux/amd64 " + UNDER_TEST
                + " AS runtime' (stage runtime)"), releaseLog.messages());
        assertEquals(Map.of(), app.buildArgsFor(UNDER_TEST), "no base image arg in this style");
    }

    @Test
    void replaceFromMatchesAFromWrittenThroughAnArgAndInCanonicalForm() throws IOException {
        TestApp app = app(MULTI_STAGE, null, "docker.io/library/node:20");
        String message = assertThrows(ReleaseFailure.class, app::validate).getMessage();
        assertEquals("integrationTests[0] (orders).replaceFrom 'docker.io/library/node:20' matches no FROM of "
                + dir.resolve("app/Dockerfile") + " (its FROM lines: line 3: mcr.microsoft.com/dotnet/sdk:8.0, "
                + "line 5: mcr.microsoft.com/dotnet/aspnet:8.0)", message);

        TestApp viaArg = app(MULTI_STAGE, null, "mcr.microsoft.com/dotnet/sdk:8.0");
        Path copy = viaArg.dockerfileFor(UNDER_TEST, dir.resolve("work2"), releaseLog);
        assertTrue(Files.readString(copy).contains("FROM " + UNDER_TEST + " AS build"), "the FROM ${SDK} line is the match");

        TestApp canonical = app("FROM node:20\nCMD [\"node\"]\n", null, "docker.io/library/node:20");
        assertTrue(Files.readString(canonical.dockerfileFor(UNDER_TEST, dir.resolve("work3"), releaseLog))
                .startsWith("FROM " + UNDER_TEST + "\n"));
    }

    @Test
    void theBuildArgStyleNeedsAFromThatUsesTheArg() throws IOException {
        TestApp good = app("ARG PLATFORM_IMAGE\nFROM ${PLATFORM_IMAGE}\n", null, null);
        good.validate();
        assertEquals(Map.of("PLATFORM_IMAGE", UNDER_TEST), good.buildArgsFor(UNDER_TEST));
        assertEquals(dir.resolve("app/Dockerfile"), good.dockerfileFor(UNDER_TEST, dir.resolve("w"), releaseLog));

        TestApp bad = app("FROM mcr.microsoft.com/dotnet/aspnet:8.0\n", "BASE", null);
        assertTrue(assertThrows(ReleaseFailure.class, bad::validate).getMessage().contains(
                "has no FROM that uses ARG BASE (integrationTests[0] (orders).baseImageArg)"));
    }

    @Test
    void aMissingDockerfileIsNamed() {
        TestApp missing = new TestApp("x", "integrationTest (x)", dir.resolve("nope/Dockerfile"), dir, null, null, Map.of(),
                8080, new HttpCheck("GET", "/", null, null, 200, null), Duration.ofSeconds(5), false);
        assertEquals("integrationTest (x).dockerfile " + dir.resolve("nope/Dockerfile") + " does not exist",
                assertThrows(ReleaseFailure.class, missing::validate).getMessage());
    }

    @Test
    void aFromSpreadOverLinesIsNotRewrittenBlindly() throws IOException {
        TestApp app = app("FROM mcr.microsoft.com/dotnet/aspnet:8.0 \\\n  AS runtime\n", null, "mcr.microsoft.com/dotnet/aspnet:8.0");
        assertTrue(assertThrows(ReleaseFailure.class, () -> app.dockerfileFor(UNDER_TEST, dir.resolve("w"), releaseLog))
                .getMessage().contains("spans several lines"));
    }
}
