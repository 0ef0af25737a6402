package dev.platformimages.gate;

import dev.platformimages.engine.CommandResult;
import dev.platformimages.engine.ContainerStatus;
import dev.platformimages.engine.HealthCheck;
import dev.platformimages.step.FakeEngine;
import dev.platformimages.step.RecordingLog;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The health wait against a fake engine on a fake clock: Docker advancing the status itself, and Podman without
 * systemd, whose status stays "starting" with no check run, where the wait runs the HEALTHCHECK through exec.
 */
class HealthWaitTest {

    private long now;
    private final List<Long> execAt = new ArrayList<>();
    private final Deque<Integer> execExits = new ArrayDeque<>();
    private String health = "starting";
    private int checksRun;
    private final HealthCheck check = HealthCheck.of(List.of("CMD-SHELL", "wget -qO- http://127.0.0.1:8080/health"),
            Duration.ofSeconds(5).toNanos(), Duration.ofSeconds(2).toNanos(), 3, Duration.ofSeconds(10).toNanos());

    private HealthWait.Outcome await(Duration timeout) throws InterruptedException {
        FakeEngine engine = new FakeEngine() {
            @Override
            public ContainerStatus status(String containerId) {
                return new ContainerStatus(true, null, health, checksRun);
            }

            @Override
            public Optional<HealthCheck> healthCheck(String containerId) {
                return Optional.of(check);
            }

            @Override
            public CommandResult exec(String containerId, List<String> command, Duration t) {
                assertEquals(List.of("/bin/sh", "-c", "wget -qO- http://127.0.0.1:8080/health"), command);
                execAt.add(now / 1_000_000);
                return new CommandResult(execExits.isEmpty() ? 1 : execExits.poll(), "connection refused");
            }
        };
        return new HealthWait(engine, new RecordingLog(), d -> now += d.toNanos(), () -> now).await("app", "c1",
                now + timeout.toNanos(), timeout);
    }

    @Test
    void dockerAdvancesTheStatusItselfAndNoCommandIsRun() throws InterruptedException {
        checksRun = 1;
        health = "healthy";
        assertTrue(await(Duration.ofSeconds(60)).healthy());
        assertEquals(List.of(), execAt);
    }

    @Test
    void withoutChecksByTheEngineTheWaitRunsTheHealthcheckItselfOnItsInterval() throws InterruptedException {
        execExits.addAll(List.of(1, 1, 0));
        HealthWait.Outcome outcome = await(Duration.ofSeconds(60));
        assertTrue(outcome.healthy(), outcome::toString);
        assertTrue(outcome.detail().contains("(HEALTHCHECK run through exec)"), outcome.detail());
        assertEquals(3, execAt.size());
        assertTrue(execAt.get(0) >= 9_000, "first run after interval + timeout + grace: " + execAt);
        assertEquals(5_000, execAt.get(1) - execAt.get(0), "then every interval");
        assertEquals(5_000, execAt.get(2) - execAt.get(1));
    }

    @Test
    void failuresAfterTheStartPeriodUpToTheRetriesMakeItUnhealthy() throws InterruptedException {
        HealthWait.Outcome outcome = await(Duration.ofSeconds(120));
        assertFalse(outcome.healthy());
        assertTrue(outcome.detail().startsWith("its HEALTHCHECK (run through exec) failed 3 times; last exit 1: connection refused"),
                outcome.detail());
        assertEquals(4, execAt.size(), "the run within the 10 s start period does not count: " + execAt);
    }

    @Test
    void theTimeoutStillBounds() throws InterruptedException {
        HealthWait.Outcome outcome = await(Duration.ofSeconds(5));
        assertFalse(outcome.healthy());
        assertTrue(outcome.detail().startsWith("not healthy within 5 s (HEALTHCHECK status: starting)"), outcome.detail());
        assertEquals(List.of(), execAt);
    }
}
