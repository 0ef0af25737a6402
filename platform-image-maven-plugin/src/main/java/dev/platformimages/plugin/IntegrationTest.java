package dev.platformimages.plugin;

import dev.platformimages.gate.HttpCheck;
import dev.platformimages.gate.TestApp;
import dev.platformimages.release.ReleaseFailure;

import java.io.File;
import java.time.Duration;
import java.util.Map;

/** One test app of the integration-test goal ({@code integrationTest}, or an element of {@code integrationTests}). */
public class IntegrationTest {
    /** How the log and notifications name it; default: the name of the Dockerfile's folder. */
    private String name;
    /** The test app's Dockerfile. */
    private File dockerfile;
    /** Its build context; default: the Dockerfile's folder. */
    private File context;
    /** The build arg that receives the image under test. */
    private String baseImageArg = "PLATFORM_IMAGE";
    /** Instead of the build arg: the FROM image to replace by the image under test, in a copy of the Dockerfile. */
    private String replaceFrom;
    /** More build args for the test app. */
    private Map<String, String> buildArgs;
    /** The port the app listens on inside its container. */
    private int port = 8080;
    private String method = "GET";
    private String path = "/";
    /** Request headers, one element per header named after it. */
    private Map<String, String> headers;
    private String body;
    private String contentType;
    /** 200, a list such as 200,204, or a class such as 2xx. */
    private String expectStatus = "200";
    private String expectBodyContains;
    /** A regular expression the body must contain a match of. */
    private String expectBodyMatches;
    /** A JSON pointer (RFC 6901) into the JSON body, such as /color, that must be present. */
    private String expectJsonPointer;
    /** The text the value at expectJsonPointer must have. */
    private String expectJsonValue;
    /** Wait for the container's HEALTHCHECK to report healthy before the HTTP check. */
    private boolean waitForHealthy;
    private int timeoutSeconds = 60;

    /** Whether its Dockerfile is there. */
    boolean dockerfileExists() {
        return dockerfile != null && dockerfile.isFile();
    }

    /** The name the log shows: name, else the Dockerfile's folder. */
    String shownName() {
        if (name != null && !name.isBlank()) {
            return name.trim();
        }
        return dockerfile == null ? "(no dockerfile)" : dockerfile.getAbsoluteFile().getParentFile().getName();
    }

    /** @param where how errors name this configuration, e.g. {@code integrationTests[1]} */
    TestApp toTestApp(String where) {
        if (dockerfile == null) {
            throw new ReleaseFailure(where + " has no dockerfile: name the test app's Dockerfile");
        }
        File contextDir = context != null ? context : dockerfile.getAbsoluteFile().getParentFile();
        String shown = name != null && !name.isBlank() ? name.trim() : dockerfile.getAbsoluteFile().getParentFile().getName();
        String named = where + " (" + shown + ")";
        try {
            HttpCheck check = new HttpCheck(named,
                    new HttpCheck.Request(method, path, headers, body, contentType),
                    new HttpCheck.Expectation(expectStatus, expectBodyContains, expectBodyMatches, expectJsonPointer, expectJsonValue));
            return new TestApp(shown, named, dockerfile.toPath(), contextDir.toPath(), baseImageArg, replaceFrom, buildArgs,
                    port, check, Duration.ofSeconds(timeoutSeconds), waitForHealthy);
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
    }
}
