package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two schedulers firing at once for the same image publish exactly one new version; the other build says why it stopped. */
class ConcurrentReleaseIT {

    @Test
    void twoDeploysOfTheSameImageAtOncePublishOneVersion() {
        Scenario s = Scenario.start("concurrent");
        s.publishFirstVersion();
        ImageProject other = s.project.sibling();

        CompletableFuture<ImageProject.Run> a = CompletableFuture.supplyAsync(() -> s.project.mvn("deploy", "platform.force=true"));
        CompletableFuture<ImageProject.Run> b = CompletableFuture.supplyAsync(() -> other.mvn("deploy", "platform.force=true"));
        List<ImageProject.Run> runs = List.of(a.join(), b.join());

        long succeeded = runs.stream().filter(ImageProject.Run::succeeded).count();
        String both = runs.get(0) + "\n=====\n" + runs.get(1);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "1.35-stable-1.1.0", "latest"), s.tags(), both);
        s.assertFloatingTagsOn("1.1.0");
        if (succeeded == 1) {
            ImageProject.Run loser = runs.stream().filter(r -> !r.succeeded()).findFirst().orElseThrow();
            assertTrue(loser.log.contains("another build is releasing " + ImageProject.REGISTRY + "/" + s.project.repository
                    + " on this machine") || loser.log.contains("already exists")
                    || loser.log.contains("was published by another build at the same time"), loser::toString);
        } else {
            // The second build started after the first had finished: it published 1.2.0 instead, one version each.
            assertEquals(2, succeeded, both);
        }
        assertEquals(List.of(), s.draftTags(), "no draft is left");
        s.assertNoLeftovers();
    }
}
