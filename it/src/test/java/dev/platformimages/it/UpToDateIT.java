package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flow 2: nothing changed since the last release. */
class UpToDateIT {

    @Test
    void rerunPublishesNothingAndNeedsNoDockerEngine() {
        Scenario s = Scenario.start("up-to-date");
        s.publishFirstVersion();
        String latest = s.digest("latest");

        // No engine at all: the up-to-date path must only talk to the registry.
        ImageProject.Run run = s.project.mvn(ImageProject.env("DOCKER_HOST", "unix:///nonexistent/docker.sock"), "deploy");

        assertTrue(run.succeeded(), run::toString);
        assertEquals("UP_TO_DATE", s.project.decision(), run::toString);
        assertTrue(s.project.explanation().startsWith("1.35-stable-1.0.0 was built from the same definition"), s.project::explanation);
        for (String goal : List.of("docker-build", "integration-test", "push")) {
            assertTrue(run.log.contains("Skipping " + goal + ": " + ImageProject.REGISTRY + "/" + s.project.repository
                    + " is up to date at 1.35-stable-1.0.0"), goal + "\n" + run);
        }
        assertFalse(run.log.contains("Pushing"), run::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "latest"), s.tags());
        assertEquals(latest, s.digest("latest"));
    }
}
