package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flow 5: someone asks for a release by hand. */
class ForcedIT {

    @Test
    void forceGivesAMinorReleaseAndBumpOverridesThePart() {
        Scenario s = Scenario.start("forced");
        s.publishFirstVersion();

        ImageProject.Run forced = s.project.mvn("deploy", "platform.force=true");
        assertTrue(forced.succeeded(), forced::toString);
        assertTrue(forced.log.contains("FORCED: forced by platform.force=true (nothing else changed): "
                + "1.35-stable-1.0.0 -> 1.35-stable-1.1.0"), forced::toString);
        s.assertFloatingTagsOn("1.1.0");

        ImageProject.Run major = s.project.mvn("deploy", "platform.force=true", "platform.bump=major",
                "platform.extraTags=stable, 1.35");
        assertTrue(major.succeeded(), major::toString);
        assertTrue(major.log.contains("1.35-stable-1.1.0 -> 1.35-stable-2.0.0 (platform.bump=major)"), major::toString);
        assertTrue(major.log.contains("floating tags: latest, 1.35-stable, stable, 1.35"), major::toString);
        assertEquals(List.of("1.35", "1.35-stable", "1.35-stable-1.0.0", "1.35-stable-1.1.0", "1.35-stable-2.0.0",
                "latest", "stable"), s.tags());
        s.assertFloatingTagsOn("2.0.0");
        assertEquals(s.digest("1.35-stable-2.0.0"), s.digest("stable"));
        assertEquals(s.digest("1.35-stable-2.0.0"), s.digest("1.35"));
    }
}
