package dev.platformimages.gate;

import org.junit.jupiter.api.Test;

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
        assertTrue(HttpCheck.isNotReady(503));
        assertTrue(HttpCheck.isNotReady(502));
        assertFalse(HttpCheck.isNotReady(500));
        assertFalse(HttpCheck.isNotReady(404));
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
