package dev.platformimages.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryAfterTest {

    @Test
    void secondsOrAnHttpDate() {
        assertEquals(Duration.ofSeconds(120), RetryAfter.parse("120").orElseThrow());
        assertEquals(Duration.ZERO, RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT").orElseThrow());
        assertTrue(RetryAfter.parse("soon").isEmpty());
        assertTrue(RetryAfter.parse("later").isEmpty());
    }
}
