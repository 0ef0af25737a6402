package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rolling the floating tags back to an earlier version, and later runs leaving them there. */
class RollbackIT {

    @Test
    void rollbackMovesTheFloatingTagsBackAndLaterRunsKeepThem() {
        Scenario s = Scenario.start("rollback");
        s.publishFirstVersion();
        String good = s.digest("1.35-stable-1.0.0");
        assertTrue(s.project.mvn("deploy", "platform.force=true").succeeded());
        String bad = s.digest("1.35-stable-1.1.0");
        s.assertFloatingTagsOn("1.1.0");

        ImageProject.Run rollback = s.project.mvn("platform-image:rollback", "platform.rollbackTo=1.0.0");

        assertTrue(rollback.succeeded(), rollback::toString);
        assertTrue(rollback.log.contains("  latest: " + bad + " -> " + good), "before and after digests\n" + rollback);
        assertTrue(rollback.log.contains("Marked 1.35-stable-1.1.0 as rolled back (tag 1.35-stable-1.1.0-rolled-back)"), rollback::toString);
        s.assertFloatingTagsOn("1.0.0");
        assertEquals(bad, s.digest("1.35-stable-1.1.0-rolled-back"));

        // The next scheduled run does not take the rollback for an interrupted promotion.
        ImageProject.Run next = s.project.mvn("deploy");
        assertTrue(next.succeeded(), next::toString);
        assertTrue(next.log.contains("Note: 1.35-stable-1.1.0 was rolled back"), next::toString);
        assertEquals("UP_TO_DATE", s.project.decision(), next::toString);
        assertFalse(next.log.contains("PROMOTION_INCOMPLETE"), next::toString);
        s.assertFloatingTagsOn("1.0.0");

        // A forced release after the rollback gets a new number, never 1.1.0 again.
        assertTrue(s.project.mvn("deploy", "platform.force=true").succeeded());
        s.assertFloatingTagsOn("1.2.0");

        ImageProject.Run unknown = s.project.mvn("platform-image:rollback", "platform.rollbackTo=9.9.9");
        assertFalse(unknown.succeeded(), unknown::toString);
        assertTrue(unknown.log.contains("platform.rollbackTo is 9.9.9, but " + ImageProject.REGISTRY + "/" + s.project.repository
                + " has no version tag 1.35-stable-9.9.9 (published: 1.0.0, 1.1.0, 1.2.0)"), unknown::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "1.35-stable-1.1.0", "1.35-stable-1.1.0-rolled-back",
                "1.35-stable-1.2.0", "latest"), s.tags());

        ImageProject.Run malformed = s.project.mvn("platform-image:rollback", "platform.rollbackTo=1.3");
        assertFalse(malformed.succeeded(), malformed::toString);
        assertTrue(malformed.log.contains("platform.rollbackTo is '1.3': give a version such as 1.3.0"), malformed::toString);
        s.assertFloatingTagsOn("1.2.0");
    }
}
