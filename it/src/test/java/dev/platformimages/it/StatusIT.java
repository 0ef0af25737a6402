package dev.platformimages.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status goal reports what a deploy would do, without a Docker engine and without publishing anything. */
class StatusIT {

    @TempDir
    Path dir;

    @Test
    void statusShowsTheNewestVersionItsBaseAndTheDecisionAndChangesNothing() throws Exception {
        Scenario s = Scenario.start("status");
        s.publishFirstVersion();
        String before = s.upstreamDigest();
        String after = s.republishUpstream();
        Path summary = dir.resolve("summary.md");

        ImageProject.Run run = s.project.mvn(ImageProject.env("DOCKER_HOST", "tcp://127.0.0.1:9", "GITHUB_STEP_SUMMARY",
                summary.toString()), "platform-image:status");

        assertTrue(run.succeeded(), run::toString);
        assertTrue(run.log.contains("Status of " + ImageProject.REGISTRY + "/" + s.project.repository + ": BASE_CHANGED"), run::toString);
        assertTrue(run.log.contains(ImageProject.REGISTRY + "/" + s.project.repository + "  1.35-stable-1.0.0  0 min  "
                + s.upstream + " " + before.substring(0, 19) + " -> " + after.substring(0, 19) + "  BASE_CHANGED"), run::toString);
        String json = Files.readString(s.project.dir.resolve("target/platform-image-status.json"));
        assertTrue(json.contains("\"published\" : \"" + before + "\"") && json.contains("\"now\" : \"" + after + "\""), json);
        assertTrue(Files.readString(summary).contains("🔄 **BASE_CHANGED**"), "the job summary has the table");
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "latest"), s.tags(), "status publishes nothing");
    }
}
