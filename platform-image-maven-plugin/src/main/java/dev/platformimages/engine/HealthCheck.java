package dev.platformimages.engine;

import java.time.Duration;
import java.util.List;

/**
 * A container's HEALTHCHECK as its image defines it, with Docker's defaults for what it leaves out (interval and
 * timeout 30 s, 3 retries, no start period).
 *
 * @param command the command to run in the container ({@code CMD-SHELL x} as {@code /bin/sh -c x})
 */
public record HealthCheck(List<String> command, Duration interval, Duration timeout, int retries, Duration startPeriod) {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    /**
     * From the engine's {@code Healthcheck} fields (durations in nanoseconds, 0 for the default); null when the
     * test is absent or {@code NONE}.
     */
    public static HealthCheck of(List<String> test, Long intervalNanos, Long timeoutNanos, Integer retries, Long startPeriodNanos) {
        if (test == null || test.isEmpty() || "NONE".equals(test.get(0))) {
            return null;
        }
        List<String> command;
        if ("CMD-SHELL".equals(test.get(0))) {
            command = List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
        } else if ("CMD".equals(test.get(0))) {
            command = List.copyOf(test.subList(1, test.size()));
        } else {
            command = List.copyOf(test);
        }
        return new HealthCheck(command, orDefault(intervalNanos, DEFAULT_INTERVAL), orDefault(timeoutNanos, DEFAULT_INTERVAL),
                retries == null || retries <= 0 ? 3 : retries, orDefault(startPeriodNanos, Duration.ZERO));
    }

    private static Duration orDefault(Long nanos, Duration fallback) {
        return nanos == null || nanos <= 0 ? fallback : Duration.ofNanos(nanos);
    }
}
