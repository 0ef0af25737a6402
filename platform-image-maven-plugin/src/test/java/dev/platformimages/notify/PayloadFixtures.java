package dev.platformimages.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the expected payloads under src/test/resources/notify. */
final class PayloadFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private PayloadFixtures() {
    }

    /** Compares as parsed JSON, so that a long and an int of the same value are equal. */
    static void assertPayload(String expectedName, JsonNode actual) {
        try {
            if (Boolean.getBoolean("fixtures.update")) { // mvn test -Dfixtures.update=true rewrites them; review the diff
                JSON.writerWithDefaultPrettyPrinter().writeValue(java.nio.file.Path.of("src/test/resources/notify", expectedName)
                        .toFile(), JSON.readTree(actual.toString()));
            }
            org.junit.jupiter.api.Assertions.assertEquals(read(expectedName), JSON.readTree(actual.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(String name) {
        try (InputStream in = PayloadFixtures.class.getResourceAsStream("/notify/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource notify/" + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
