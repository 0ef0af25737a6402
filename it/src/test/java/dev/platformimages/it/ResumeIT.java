package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A release that stopped after its version tag but before its floating tags is completed, not published again. */
class ResumeIT {

    @Test
    void theNextRunMovesTheFloatingTagsOfThePublishedVersionInsteadOfPublishingAnother() {
        Scenario s = Scenario.start("resume");
        s.publishFirstVersion();
        String first = s.digest("latest");
        ImageProject.Run forced = s.project.mvn("deploy", "platform.force=true");
        assertTrue(forced.succeeded(), forced::toString);
        String second = s.digest("1.35-stable-1.1.0");
        // What a crash between the version tag and the floating tags leaves: 1.1.0 published, the floating tags behind.
        LocalRegistry.copyTag(s.project.repository, "1.35-stable-1.0.0", "latest");
        LocalRegistry.copyTag(s.project.repository, "1.35-stable-1.0.0", "1.35-stable");
        assertEquals(first, s.digest("latest"));

        ImageProject.Run resumed = s.project.mvn("deploy");

        assertTrue(resumed.succeeded(), resumed::toString);
        assertTrue(resumed.log.contains("PROMOTION_INCOMPLETE: 1.35-stable-1.1.0 matches the definition and base digests, "
                + "but 1.35-stable points at " + first), resumed::toString);
        assertTrue(resumed.log.contains("Skipping docker-build"), resumed::toString);
        assertTrue(resumed.log.contains("Skipping integration-test"), resumed::toString);
        assertFalse(resumed.log.contains("Pushing"), "nothing is built or pushed again\n" + resumed);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "1.35-stable-1.1.0", "latest"), s.tags(), "no 1.2.0");
        s.assertFloatingTagsOn("1.1.0");
        assertEquals(second, s.digest("latest"));

        ImageProject.Run after = s.project.mvn("deploy");
        assertEquals("UP_TO_DATE", s.project.decision(), after::toString);
    }
}
