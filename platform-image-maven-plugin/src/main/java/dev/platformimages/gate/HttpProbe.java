package dev.platformimages.gate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Polls a test app on 127.0.0.1 until it gives an answer that can be judged, the app's container
 * stops, or the deadline passes. Connection errors and 502/503/504 mean "not ready yet": no fixed sleep.
 */
public final class HttpProbe {

    /** How long to wait between two attempts while the app is not ready. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The outcome: passed, or why not; and how many requests it took. */
    public static final class Outcome {
        public final boolean passed;
        public final String detail;
        public final int attempts;
        public final Duration elapsed;

        Outcome(boolean passed, String detail, int attempts, Duration elapsed) {
            this.passed = passed;
            this.detail = detail;
            this.attempts = attempts;
            this.elapsed = elapsed;
        }
    }

    public Outcome probe(int port, HttpCheck check, Duration timeout, BooleanSupplier appAlive) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        URI uri = URI.create("http://127.0.0.1:" + port + check.path());
        String lastProblem = "no answer";
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                HttpResponse<String> response = http.send(request(uri, check, deadline), HttpResponse.BodyHandlers.ofString());
                if (!check.isNotReady(response.statusCode())) {
                    Optional<String> failure = check.verify(response.statusCode(), response.body());
                    return new Outcome(failure.isEmpty(), failure.orElse("HTTP " + response.statusCode()), attempts, since(start));
                }
                lastProblem = "HTTP " + response.statusCode() + " (not ready)";
            } catch (java.net.http.HttpTimeoutException e) {
                // A request cut short by the probe's own deadline says less than the app's last real answer.
                if (lastProblem.equals("no answer") || System.nanoTime() + POLL_INTERVAL.toNanos() < deadline) {
                    lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                }
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(false, "interrupted", attempts, since(start));
            }
            if (!appAlive.getAsBoolean()) {
                return new Outcome(false, "the app's container stopped before answering (" + lastProblem + ")", attempts, since(start));
            }
            if (System.nanoTime() + POLL_INTERVAL.toNanos() >= deadline) {
                return new Outcome(false, "no acceptable answer within " + timeout.toSeconds() + " s (last: " + lastProblem + ")",
                        attempts, since(start));
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(false, "interrupted", attempts, since(start));
            }
        }
    }

    private static HttpRequest request(URI uri, HttpCheck check, long deadlineNanos) {
        long remaining = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(Math.min(remaining, 10_000)));
        HttpRequest.BodyPublisher body = check.body() == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(check.body());
        builder.method(check.method(), body);
        check.headers().forEach(builder::header);
        if (check.contentType() != null) {
            builder.header("Content-Type", check.contentType());
        }
        return builder.build();
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
