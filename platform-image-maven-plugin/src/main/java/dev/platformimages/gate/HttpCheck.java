package dev.platformimages.gate;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** One HTTP request to a test app and what its answer must be. Pure. */
public final class HttpCheck {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private final String method;
    private final String path;
    private final String body;
    private final String contentType;
    private final int expectStatus;
    private final String expectBodyContains;

    public HttpCheck(String method, String path, String body, String contentType, int expectStatus,
                     String expectBodyContains) {
        this.method = method == null ? "GET" : method.trim().toUpperCase(Locale.ROOT);
        this.path = path == null || path.isBlank() ? "/" : path.trim();
        this.body = body;
        this.contentType = contentType;
        this.expectStatus = expectStatus;
        this.expectBodyContains = expectBodyContains;
        if (!METHODS.contains(this.method)) {
            throw new IllegalArgumentException("integrationTest.method is '" + method + "': use one of " + METHODS);
        }
        if (!this.path.startsWith("/")) {
            throw new IllegalArgumentException("integrationTest.path is '" + path + "': it must start with /");
        }
        if (expectStatus < 100 || expectStatus > 599) {
            throw new IllegalArgumentException("integrationTest.expectStatus is " + expectStatus + ": use an HTTP status (100-599)");
        }
    }

    /** Empty when the answer is what was expected, else what was wrong. */
    public Optional<String> verify(int status, String responseBody) {
        if (status != expectStatus) {
            return Optional.of("expected HTTP " + expectStatus + ", got " + status + describeBody(responseBody));
        }
        if (expectBodyContains != null && !expectBodyContains.isEmpty()
                && (responseBody == null || !responseBody.contains(expectBodyContains))) {
            return Optional.of("HTTP " + status + " but the body does not contain '" + expectBodyContains + "'"
                    + describeBody(responseBody));
        }
        return Optional.empty();
    }

    /** An answer that means "not ready yet" rather than "wrong": proxies and servers still starting. */
    public static boolean isNotReady(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    private static String describeBody(String body) {
        if (body == null || body.isEmpty()) {
            return " (empty body)";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return ": " + (oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine);
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String body() {
        return body;
    }

    public String contentType() {
        return contentType;
    }

    @Override
    public String toString() {
        return method + " " + path + " -> " + expectStatus
                + (expectBodyContains == null ? "" : " containing '" + expectBodyContains + "'");
    }
}
