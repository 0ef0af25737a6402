package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A build killed with SIGKILL during its gates (no shutdown hook runs) leaves its test app container running, its
 * test image and its draft. The next run of the module, even one with nothing to release, removes what it left on
 * the engine; the next release deletes its draft.
 */
class KilledRunIT {

    @Test
    void whatARunKilledDuringItsGatesLeftIsRemovedByTheNextRuns() throws Exception {
        Scenario s = Scenario.start("killed");
        s.publishFirstVersion();

        // A forced release whose test app never gives the expected answer: its gate polls for 20 s.
        Path log = Files.createTempFile("killed-run", ".log");
        Process maven = new ProcessBuilder(Path.of(System.getProperty("maven.home", "/usr/share/maven"), "bin", "mvn").toString(),
                "-B", "deploy", "-Dplatform.force=true", "-Dprobe.path=/cgi-bin/missing")
                .directory(s.project.dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!(running(DockerCli.run("ps", "-q", "--filter", "label=dev.platformimages.managed", "--filter",
                    "status=running")) && running(DockerCli.run("images", "-q", "--filter", "label=dev.platformimages.managed")))) {
                assertTrue(maven.isAlive(), () -> "the build ended before its test app ran: " + read(log));
                assertTrue(System.nanoTime() < deadline, () -> "no test app container within 180 s: " + read(log));
                Thread.sleep(200);
            }
        } finally {
            maven.destroyForcibly(); // SIGKILL: the JVM runs no shutdown hook
            maven.waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(DockerCli.leftovers().isEmpty(), "the killed run left its container and test image");
        assertEquals(1, s.draftTags().size(), "and its draft: " + s.draftTags());

        // The scheduled run: nothing to release, but it removes what the killed run left on the engine.
        ImageProject.Run upToDate = s.project.mvn("deploy");
        assertTrue(upToDate.succeeded(), upToDate::toString);
        assertEquals(List.of(), DockerCli.leftovers(), "no container or test image of the killed run is left");

        // The next release deletes the killed run's draft (of a version never published).
        ImageProject.Run release = s.project.mvn("deploy", "platform.force=true", "platform.bump=major");
        assertTrue(release.succeeded(), release::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "1.35-stable-2.0.0", "latest"), s.tags());
        assertEquals(List.of(), s.draftTags(), "the killed run's draft is gone");
        s.assertNoLeftovers();
    }

    private static boolean running(String ids) {
        return !ids.isBlank();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
