package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A build stopped with Ctrl-C while a test app runs leaves no container and no test image behind. */
class InterruptedGateIT {

    @Test
    void ctrlCWhileATestAppRunsRemovesItsContainerAndImage() throws Exception {
        Scenario s = Scenario.withConfiguration("interrupted", "<integrationTests><integrationTest>"
                + "<name>silent</name><dockerfile>${project.basedir}/test-app/never-listens.Dockerfile</dockerfile>"
                + "<timeoutSeconds>300</timeoutSeconds></integrationTest></integrationTests>");
        // Maven's launcher execs java, so this process is the JVM that gets the signal, as from a terminal.
        Process maven = new ProcessBuilder(System.getProperty("maven.home", "/usr/share/maven") + "/bin/mvn", "-B", "deploy")
                .directory(s.project.dir.toFile())
                .redirectErrorStream(true)
                .start();
        StringBuilder log = new StringBuilder();
        CountDownLatch probing = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(maven.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    if (line.contains("Test app silent: probing")) {
                        probing.countDown();
                    }
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        try {
            assertTrue(probing.await(240, TimeUnit.SECONDS), () -> "the test app never started\n" + log);
            assertNotEquals(List.of(), DockerCli.leftovers(), "the test app runs while the build is stopped");

            new ProcessBuilder("kill", "-INT", Long.toString(maven.pid())).inheritIO().start().waitFor();

            assertTrue(maven.waitFor(60, TimeUnit.SECONDS), () -> "Maven did not stop on SIGINT\n" + log);
            reader.join(10_000);
            assertEquals(List.of(), DockerCli.leftovers(), () -> "left behind after Ctrl-C\n" + log);
            assertEquals(List.of(), s.tags(), "nothing is published");
        } finally {
            maven.destroyForcibly();
        }
    }
}
