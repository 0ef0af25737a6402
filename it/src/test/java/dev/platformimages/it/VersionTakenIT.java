package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Someone publishes the version this build computed between its check and its push: the push refuses to
 * overwrite the version tag and moves no floating tag. Also runs push as a goal of its own.
 */
class VersionTakenIT {

    @Test
    void pushNeverOverwritesAVersionTag() {
        Scenario s = Scenario.start("version-taken");
        s.publishFirstVersion();
        String latest = s.digest("latest");

        ImageProject.Run tested = s.project.mvn("verify", "platform.force=true");
        assertTrue(tested.succeeded(), tested::toString);
        assertTrue(tested.log.contains("1.35-stable-1.0.0 -> 1.35-stable-1.1.0"), tested::toString);

        assertEquals(1, s.draftTags().size(), "the tested draft waits for push: " + s.draftTags());

        // Another build publishes 1.1.0 first (here: the upstream image, so its digest is recognisably not ours).
        String taken = ImageProject.REGISTRY + "/" + s.project.repository + ":1.35-stable-1.1.0";
        DockerCli.run("tag", s.upstream, taken);
        DockerCli.run("push", "-q", taken);
        String takenDigest = s.digest("1.35-stable-1.1.0");

        ImageProject.Run push = s.project.mvn("platform-image:push", "platform.force=true");

        assertFalse(push.succeeded(), push::toString);
        assertTrue(push.log.contains(ImageProject.REGISTRY + "/" + s.project.repository + ":1.35-stable-1.1.0 already exists ("
                + takenDigest + "): version tags are never overwritten"), push::toString);
        assertEquals(takenDigest, s.digest("1.35-stable-1.1.0"));
        assertEquals(latest, s.digest("latest"), "no floating tag moved");
        assertEquals(latest, s.digest("1.35-stable"), "no floating tag moved");
        assertEquals(List.of(), s.draftTags(), "the draft that lost is deleted");
    }
}
