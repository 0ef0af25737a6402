package dev.platformimages.plugin;

import dev.platformimages.gate.HttpCheck;
import dev.platformimages.service.ReleaseFailure;
import dev.platformimages.service.TestApp;

import java.io.File;
import java.time.Duration;
import java.util.Map;

/** The {@code <integrationTest>} configuration of the integration-test goal. */
public class IntegrationTest {
    /** The test app's Dockerfile. */
    private File dockerfile;
    /** Its build context; default: the Dockerfile's folder. */
    private File context;
    /** The build arg that receives the image under test. */
    private String baseImageArg = "PLATFORM_IMAGE";
    /** More build args for the test app. */
    private Map<String, String> buildArgs;
    /** The port the app listens on inside its container. */
    private int port = 8080;
    private String method = "GET";
    private String path = "/";
    private String body;
    private String contentType;
    private int expectStatus = 200;
    private String expectBodyContains;
    private int timeoutSeconds = 60;

    TestApp toTestApp() {
        if (dockerfile == null) {
            throw new ReleaseFailure("<integrationTest> has no <dockerfile>: name the test app's Dockerfile");
        }
        try {
            HttpCheck check = new HttpCheck(method, path, body, contentType, expectStatus, expectBodyContains);
            File contextDir = context != null ? context : dockerfile.getAbsoluteFile().getParentFile();
            return new TestApp(dockerfile.toPath(), contextDir.toPath(), baseImageArg, buildArgs, port, check,
                    Duration.ofSeconds(timeoutSeconds));
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
    }
}
