package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        // What the killed run made carries its process id (the mvn script execs the JVM).
        String ofTheRun = "label=dev.platformimages.run.pid=" + maven.pid();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!read(log).contains("Test app test-app: probing")) {
                assertTrue(maven.isAlive(), () -> "the build ended before its test app ran: " + read(log));
                assertTrue(System.nanoTime() < deadline, () -> "no test app probed within 180 s: " + read(log));
                Thread.sleep(200);
            }
        } finally {
            maven.destroyForcibly(); // SIGKILL: the JVM runs no shutdown hook
            maven.waitFor(30, TimeUnit.SECONDS);
        }
        List<String> left = lines(DockerCli.run("ps", "-a", "-q", "--filter", ofTheRun));
        assertEquals(1, left.size(), () -> "the killed run left its test app container: " + DockerCli.run("ps", "-a") + read(log));
        assertEquals(1, lines(DockerCli.run("images", "-q", "--filter", ofTheRun)).size(), "and its test image");
        assertEquals(1, s.draftTags().size(), "and its draft: " + s.draftTags());

        // The scheduled run: nothing to release, but it removes what the killed run left on the engine.
        ImageProject.Run upToDate = s.project.mvn("deploy");
        assertTrue(upToDate.succeeded(), upToDate::toString);
        assertEquals(List.of(), lines(DockerCli.run("ps", "-a", "-q", "--filter", ofTheRun)), "the killed run's container is gone");
        assertEquals(List.of(), lines(DockerCli.run("images", "-q", "--filter", ofTheRun)), "and its test image");
        assertEquals(List.of(), DockerCli.leftovers(), "nothing of the gates is left");

        // The next release deletes the killed run's draft (of a version never published).
        ImageProject.Run release = s.project.mvn("deploy", "platform.force=true", "platform.bump=major");
        assertTrue(release.succeeded(), release::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "1.35-stable-2.0.0", "latest"), s.tags());
        assertEquals(List.of(), s.draftTags(), "the killed run's draft is gone");
        s.assertNoLeftovers();
    }

    private static List<String> lines(String output) {
        return output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
