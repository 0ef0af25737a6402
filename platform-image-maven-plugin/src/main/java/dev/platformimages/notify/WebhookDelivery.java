package dev.platformimages.notify;

import dev.platformimages.clock.Sleeper;
import dev.platformimages.http.RetryAfter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Posts a payload to a webhook: TLS verified (the JDK's trust store), a timeout on every call, retries with
 * exponential backoff on connection errors, 429 and 5xx (honouring {@code Retry-After}), none on other 4xx.
 * Redirects are not followed: a webhook that redirects is misconfigured. No message holds the URL.
 */
public final class WebhookDelivery {

    /** What happened: delivered or not, after how many attempts, and the last answer in words. */
    public record Result(boolean delivered, int attempts, String detail) {
    }

    static final int MAX_ATTEMPTS = 3;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    /** A receiver asking for a longer pause than this is given up on: a release does not wait minutes for a chat. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Sleeper sleeper;

    public WebhookDelivery() {
        this(MAX_ATTEMPTS, FIRST_BACKOFF, Sleeper.REAL);
    }

    WebhookDelivery(int maxAttempts, Duration firstBackoff, Sleeper sleeper) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.sleeper = sleeper;
    }

    public Result post(NotificationChannel channel, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(channel.url())
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "platform-image-maven-plugin")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        Duration backoff = firstBackoff;
        String detail = "not attempted";
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Duration wait = backoff;
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                String answer = redact(response.body(), channel.url());
                if (status / 100 == 2) {
                    if (channel.type() == ChannelType.TEAMS && channel.style() == TeamsStyle.CONNECTOR
                            && !answer.strip().equals("1")) {
                        // A connector reports its errors with 200 and a sentence instead of "1".
                        return new Result(false, attempt, "HTTP " + status + " with '" + Payloads.cut(answer.strip(), 200)
                                + "' instead of '1'");
                    }
                    return new Result(true, attempt, "HTTP " + status);
                }
                detail = "HTTP " + status + (answer.isBlank() ? "" : ": " + Payloads.cut(answer.strip(), 200));
                if (status != 429 && status / 100 != 5) {
                    return new Result(false, attempt, detail + " (not retried: the receiver refused the message)");
                }
                Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(RetryAfter::parse);
                if (retryAfter.isPresent()) {
                    if (retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0) {
                        return new Result(false, attempt, detail + " (asked to retry after " + retryAfter.get().toSeconds()
                                + " s, more than the " + MAX_RETRY_AFTER.toSeconds() + " s a release waits)");
                    }
                    wait = retryAfter.get();
                }
            } catch (IOException e) {
                detail = describe(e, channel.url());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(false, attempt, "interrupted");
            }
            if (attempt < maxAttempts) {
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Result(false, attempt, detail + " (interrupted while waiting to retry)");
                }
                backoff = backoff.multipliedBy(2);
            }
        }
        return new Result(false, maxAttempts, detail);
    }

    private static String describe(IOException e, URI url) {
        String type = e.getClass().getSimpleName();
        String message = e.getMessage() == null ? "" : ": " + redact(e.getMessage(), url);
        return type + message;
    }

    /** Removes the URL, and its path and query on their own, from text that might echo them. */
    static String redact(String text, URI url) {
        if (text == null) {
            return "";
        }
        String out = text.replace(url.toString(), "<webhook URL>");
        if (url.getRawPath() != null && url.getRawPath().length() > 1) {
            out = out.replace(url.getRawPath(), "<path>");
        }
        if (url.getRawQuery() != null) {
            out = out.replace(url.getRawQuery(), "<query>");
        }
        return out;
    }
}
