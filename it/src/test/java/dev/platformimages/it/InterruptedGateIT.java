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
        interruptOnceRunning(Scenario.withConfiguration("interrupted", "<integrationTests><integrationTest>"
                + "<name>silent</name><dockerfile>${project.basedir}/test-app/never-listens.Dockerfile</dockerfile>"
                + "<timeoutSeconds>300</timeoutSeconds></integrationTest></integrationTests>"), "Test app silent: probing");
    }

    @Test
    void ctrlCWhileASelfTestRunsRemovesItsContainer() throws Exception {
        interruptOnceRunning(Scenario.withConfiguration("interrupted-self-test", "<selfTests><selfTest>"
                + "<name>slow</name><shell>sleep 300</shell></selfTest></selfTests>"), "the gates test this digest");
    }

    /** Starts mvn deploy, sends SIGINT once {@code line} was logged and a container of ours runs, checks nothing is left. */
    private static void interruptOnceRunning(Scenario s, String line) throws Exception {
        // Maven's launcher execs java, so this process is the JVM that gets the signal, as from a terminal.
        Process maven = new ProcessBuilder(System.getProperty("maven.home", "/usr/share/maven") + "/bin/mvn", "-B", "deploy")
                .directory(s.project.dir.toFile())
                .redirectErrorStream(true)
                .start();
        StringBuilder log = new StringBuilder();
        CountDownLatch probing = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(maven.getInputStream(), StandardCharsets.UTF_8))) {
                for (String text = out.readLine(); text != null; text = out.readLine()) {
                    synchronized (log) {
                        log.append(text).append('\n');
                    }
                    if (text.contains(line)) {
                        probing.countDown();
                    }
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        try {
            assertTrue(probing.await(240, TimeUnit.SECONDS), () -> "'" + line + "' never came\n" + log);
            // The container is being created: a condition with a deadline. A container seen twice, half a second apart,
            // is the gate's (a short-lived one the build starts and removes before the gate must not count).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            List<String> seen = List.of();
            while (System.nanoTime() < deadline) {
                List<String> now = DockerCli.leftovers();
                if (!now.isEmpty() && now.equals(seen)) {
                    break;
                }
                seen = now;
                Thread.sleep(500);
            }
            assertNotEquals(List.of(), DockerCli.leftovers(), "a container of ours runs when the build is stopped");

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
