package dev.platformimages.gate;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One HTTP request to a test app and what its answer must be: a status (or set of statuses), and optionally
 * a text the body contains, a regular expression it matches, and a value at a JSON pointer. Pure; every
 * setting is checked when the check is made, so a bad one fails before anything is built.
 */
public final class HttpCheck {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What is sent. {@code headers} and the body fields may be null. */
    public record Request(String method, String path, Map<String, String> headers, String body, String contentType) {
    }

    /** What the answer must be. {@code status} is {@code 200}, {@code 200,204} or {@code 2xx}; the others may be null. */
    public record Expectation(String status, String bodyContains, String bodyMatches, String jsonPointer, String jsonValue) {
    }

    private final String method;
    private final String path;
    private final Map<String, String> headers;
    private final String body;
    private final String contentType;
    private final StatusSet expectStatus;
    private final String expectBodyContains;
    private final Pattern expectBodyMatches;
    private final JsonPointer jsonPointer;
    private final String jsonValue;

    /**
     * @param where how the configuration is named in errors, e.g. {@code integrationTest} or
     *              {@code integrationTests[1] (orders-api)}
     */
    public HttpCheck(String where, Request request, Expectation expect) {
        this.method = request.method() == null ? "GET" : request.method().trim().toUpperCase(Locale.ROOT);
        this.path = request.path() == null || request.path().isBlank() ? "/" : request.path().trim();
        this.body = request.body();
        this.contentType = request.contentType();
        this.headers = request.headers() == null ? Map.of() : new LinkedHashMap<>(request.headers());
        if (!METHODS.contains(this.method)) {
            throw new IllegalArgumentException(where + ".method is '" + request.method() + "': use one of " + METHODS);
        }
        if (!this.path.startsWith("/")) {
            throw new IllegalArgumentException(where + ".path is '" + request.path() + "': it must start with /");
        }
        for (String header : headers.keySet()) {
            if (RESTRICTED_HEADERS.contains(header.toLowerCase(Locale.ROOT)) || !header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new IllegalArgumentException(where + ".headers has '" + header + "': not a header a test may set");
            }
        }
        this.expectStatus = StatusSet.parse(expect.status() == null ? "200" : expect.status(), where + ".expectStatus");
        this.expectBodyContains = blankToNull(expect.bodyContains());
        try {
            this.expectBodyMatches = blankToNull(expect.bodyMatches()) == null ? null
                    : Pattern.compile(expect.bodyMatches(), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ".expectBodyMatches is not a valid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex() + " of '" + expect.bodyMatches() + "'");
        }
        String pointer = blankToNull(expect.jsonPointer());
        this.jsonValue = expect.jsonValue();
        if (pointer == null && jsonValue != null) {
            throw new IllegalArgumentException(where + ".expectJsonValue needs expectJsonPointer: say where in the JSON body "
                    + "the value is, for example /color");
        }
        try {
            this.jsonPointer = pointer == null ? null : JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".expectJsonPointer is '" + pointer + "': a JSON pointer starts with / "
                    + "(RFC 6901), for example /color or /items/0/name");
        }
    }

    /** The common case: one status and an optional text in the body. */
    public HttpCheck(String method, String path, String body, String contentType, int expectStatus, String expectBodyContains) {
        this("integrationTest", new Request(method, path, null, body, contentType),
                new Expectation(String.valueOf(expectStatus), expectBodyContains, null, null, null));
    }

    /** Empty when the answer is what was expected, else what was wrong. */
    public Optional<String> verify(int status, String responseBody) {
        if (!expectStatus.contains(status)) {
            return Optional.of("expected HTTP " + expectStatus + ", got " + status + describeBody(responseBody));
        }
        String text = responseBody == null ? "" : responseBody;
        if (expectBodyContains != null && !text.contains(expectBodyContains)) {
            return Optional.of("HTTP " + status + " but the body does not contain '" + expectBodyContains + "'"
                    + describeBody(responseBody));
        }
        if (expectBodyMatches != null && !expectBodyMatches.matcher(text).find()) {
            return Optional.of("HTTP " + status + " but the body does not match /" + expectBodyMatches.pattern() + "/"
                    + describeBody(responseBody));
        }
        if (jsonPointer != null) {
            JsonNode json;
            try {
                json = JSON.readTree(text);
            } catch (IOException e) {
                return Optional.of("HTTP " + status + " but the body is not JSON" + describeBody(responseBody));
            }
            JsonNode node = json == null ? null : json.at(jsonPointer);
            if (node == null || node.isMissingNode()) {
                return Optional.of("HTTP " + status + " but the JSON body has nothing at " + jsonPointer + describeBody(responseBody));
            }
            String actual = node.isValueNode() && !node.isNull() ? node.asText() : node.toString();
            if (jsonValue != null && !jsonValue.equals(actual)) {
                return Optional.of("HTTP " + status + " but " + jsonPointer + " is '" + actual + "', not '" + jsonValue + "'"
                        + describeBody(responseBody));
            }
        }
        return Optional.empty();
    }

    /**
     * An answer that means "not ready yet" rather than "wrong" (proxies and servers still starting), unless the
     * check expects exactly that status.
     */
    public boolean isNotReady(int status) {
        return (status == 502 || status == 503 || status == 504) && !expectStatus.contains(status);
    }

    private static String describeBody(String body) {
        if (body == null || body.isEmpty()) {
            return " (empty body)";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return ": " + (oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine);
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public Map<String, String> headers() {
        return headers;
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
                + (expectBodyContains == null ? "" : " containing '" + expectBodyContains + "'")
                + (expectBodyMatches == null ? "" : " matching /" + expectBodyMatches.pattern() + "/")
                + (jsonPointer == null ? "" : " with " + jsonPointer + (jsonValue == null ? "" : " = '" + jsonValue + "'"));
    }
}
