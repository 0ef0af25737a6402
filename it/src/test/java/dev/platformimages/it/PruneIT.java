package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retention against the real registry: a dry run, then for real; a stale draft; a bad setting. */
class PruneIT {

    @Test
    void pruneKeepsTheNewestVersionsAndWhatFloatingTagsPointAt() {
        Scenario s = Scenario.start("prune");
        s.publishFirstVersion();
        assertTrue(s.project.mvn("deploy", "platform.force=true").succeeded());
        assertTrue(s.project.mvn("deploy", "platform.force=true").succeeded());
        // A run that tested 1.3.0 but never pushed it leaves its draft behind.
        assertTrue(s.project.mvn("verify", "platform.force=true").succeeded());
        assertEquals(1, s.draftTags().size());
        // A consumer pins the first version under a tag of its own.
        LocalRegistry.copyTag(s.project.repository, "1.35-stable-1.0.0", "prod");
        List<String> before = s.tags();

        ImageProject.Run dry = s.project.mvn("platform-image:prune", "platform.prune.keepVersions=1",
                "platform.prune.draftDays=0", "platform.dryRun=true");
        assertTrue(dry.succeeded(), dry::toString);
        String image = ImageProject.REGISTRY + "/" + s.project.repository;
        assertTrue(dry.log.contains("Would delete " + image + ":1.35-stable-1.1.0"), dry::toString);
        assertTrue(dry.log.contains("Keeping " + image + ":1.35-stable-1.0.0: tags this plugin does not manage point at it: prod"), dry::toString);
        assertTrue(dry.log.contains("Dry run: would delete 2 image(s)"), dry::toString);
        assertEquals(before, s.tags(), "a dry run deletes nothing");

        ImageProject.Run real = s.project.mvn("platform-image:prune", "platform.prune.keepVersions=1", "platform.prune.draftDays=0");
        assertTrue(real.succeeded(), real::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "1.35-stable-1.2.0", "latest", "prod"), s.tags(),
                "the version a tag of someone else points at stays, with that tag");
        assertEquals(s.digest("1.35-stable-1.0.0"), s.digest("prod"));
        assertEquals(List.of(), s.draftTags());
        s.assertFloatingTagsOn("1.2.0");

        ImageProject.Run foreign = s.project.mvn("platform-image:prune", "platform.prune.keepVersions=1",
                "platform.prune.deleteForeignTags=true");
        assertTrue(foreign.succeeded(), foreign::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.2.0", "latest"), s.tags());
        assertTrue(foreign.log.contains("with it the tags this plugin does not manage: prod"), foreign::toString);

        ImageProject.Run bad = s.project.mvn("platform-image:prune", "platform.prune.keepVersions=0");
        assertFalse(bad.succeeded(), bad::toString);
        assertTrue(bad.log.contains("platform.prune.keepVersions is 0: keep at least 1 version"), bad::toString);
    }
}
