package dev.platformimages.gate;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpCheckTest {

    private final HttpCheck check = new HttpCheck("post", "/MyService", "{}", "application/json", 200, "Red");

    @Test
    void passesOnStatusAndBody() {
        assertTrue(check.verify(200, "{\"color\":\"Red\"}").isEmpty());
        assertEquals("POST", check.method());
    }

    @Test
    void reportsWrongStatusWithTheBody() {
        String failure = check.verify(500, "boom\n  trace").orElseThrow();
        assertEquals("expected HTTP 200, got 500: boom trace", failure);
    }

    @Test
    void reportsMissingBodyText() {
        String failure = check.verify(200, "{\"color\":\"Blue\"}").orElseThrow();
        assertTrue(failure.contains("does not contain 'Red'"), failure);
        assertTrue(check.verify(200, null).isPresent());
    }

    @Test
    void notReadyStatuses() {
        assertTrue(check.isNotReady(503));
        assertTrue(check.isNotReady(502));
        assertFalse(check.isNotReady(500));
        assertFalse(check.isNotReady(404));
        HttpCheck expects503 = check(new HttpCheck.Expectation("503", null, null, null, null));
        assertFalse(expects503.isNotReady(503), "a check that expects 503 takes it as the answer");
    }

    private static HttpCheck check(HttpCheck.Expectation expectation) {
        return new HttpCheck("integrationTests[1] (orders)",
                new HttpCheck.Request("POST", "/MyService", Map.of("X-Api-Key", "k"), "{}", "application/json"), expectation);
    }

    private static String configError(HttpCheck.Expectation expectation) {
        return assertThrows(IllegalArgumentException.class, () -> check(expectation)).getMessage();
    }

    @Test
    void aSetOrClassOfStatuses() {
        HttpCheck set = check(new HttpCheck.Expectation("200, 204", null, null, null, null));
        assertTrue(set.verify(204, "").isEmpty());
        assertEquals("expected HTTP 200,204, got 201 (empty body)", set.verify(201, "").orElseThrow());
        HttpCheck success = check(new HttpCheck.Expectation("2xx", null, null, null, null));
        assertTrue(success.verify(201, "").isEmpty());
        assertTrue(success.verify(299, "").isEmpty());
        assertTrue(success.verify(300, "").isPresent());
        assertEquals("POST /MyService -> 2xx", success.toString());
    }

    @Test
    void aBodyThatMustMatchARegularExpression() {
        HttpCheck regex = check(new HttpCheck.Expectation("200", null, "\\\"color\\\"\\s*:\\s*\\\"Red\\\"", null, null));
        assertTrue(regex.verify(200, "{\n  \"color\" : \"Red\"\n}").isEmpty());
        assertEquals("HTTP 200 but the body does not match /\\\"color\\\"\\s*:\\s*\\\"Red\\\"/: {\"color\":\"Blue\"}",
                regex.verify(200, "{\"color\":\"Blue\"}").orElseThrow());
    }

    @Test
    void aValueAtAJsonPointer() {
        HttpCheck json = check(new HttpCheck.Expectation("200", null, null, "/echo/color", "Red"));
        assertTrue(json.verify(200, "{\"echo\":{\"color\":\"Red\",\"n\":1}}").isEmpty());
        assertEquals("HTTP 200 but /echo/color is 'Blue', not 'Red': {\"echo\":{\"color\":\"Blue\"}}",
                json.verify(200, "{\"echo\":{\"color\":\"Blue\"}}").orElseThrow());
        assertTrue(json.verify(200, "{\"color\":\"Red\"}").orElseThrow().contains("has nothing at /echo/color"));
        assertTrue(json.verify(200, "<html>").orElseThrow().contains("the body is not JSON"));
        HttpCheck number = check(new HttpCheck.Expectation("200", null, null, "/n", "1"));
        assertTrue(number.verify(200, "{\"n\":1}").isEmpty());
        HttpCheck present = check(new HttpCheck.Expectation("200", null, null, "/items/0", null));
        assertTrue(present.verify(200, "{\"items\":[{\"a\":1}]}").isEmpty());
        assertTrue(present.verify(200, "{\"items\":[]}").isPresent());
        assertEquals("POST /MyService -> 200 with /echo/color = 'Red'", json.toString());
    }

    @Test
    void badExpectationsAreNamedBeforeAnythingRuns() {
        assertEquals("integrationTests[1] (orders).expectBodyMatches is not a valid regular expression: Unclosed group "
                + "near index 4 of '(Red'", configError(new HttpCheck.Expectation("200", null, "(Red", null, null)));
        assertEquals("integrationTests[1] (orders).expectJsonPointer is 'color': a JSON pointer starts with / (RFC 6901), "
                + "for example /color or /items/0/name", configError(new HttpCheck.Expectation("200", null, null, "color", "Red")));
        assertTrue(configError(new HttpCheck.Expectation("200", null, null, null, "Red"))
                .startsWith("integrationTests[1] (orders).expectJsonValue needs expectJsonPointer"));
        assertEquals("integrationTests[1] (orders).expectStatus is '200,2x': '2x' is neither an HTTP status (100-599) nor "
                + "a class such as 2xx", configError(new HttpCheck.Expectation("200,2x", null, null, null, null)));
        assertTrue(configError(new HttpCheck.Expectation("600", null, null, null, null)).contains("'600' is neither"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HttpCheck("integrationTest",
                new HttpCheck.Request("GET", "/", Map.of("Host", "x"), null, null),
                new HttpCheck.Expectation("200", null, null, null, null))).getMessage()
                .equals("integrationTest.headers has 'Host': not a header a test may set"));
    }

    @Test
    void badConfigurationNamesTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HttpCheck("FETCH", "/", null, null, 200, null))
                .getMessage().contains("integrationTest.method"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HttpCheck("GET", "health", null, null, 200, null))
                .getMessage().contains("integrationTest.path"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HttpCheck("GET", "/", null, null, 99, null))
                .getMessage().contains("integrationTest.expectStatus"));
    }

    @Test
    void defaults() {
        HttpCheck d = new HttpCheck(null, null, null, null, 200, null);
        assertEquals("GET", d.method());
        assertEquals("/", d.path());
        assertTrue(d.verify(200, "").isEmpty());
    }
}
