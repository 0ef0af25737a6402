package dev.platformimages.signing;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InTotoStatementTest {

    @Test
    void aStatementNamesItsSubjectsByDigestAndCarriesThePredicate() throws Exception {
        ObjectMapper json = new ObjectMapper();
        byte[] statement = InTotoStatement.of(Map.of("registry.example.com/platform/node", "sha256:abc"),
                "https://cyclonedx.org/bom", json.readTree("{\"bomFormat\":\"CycloneDX\"}"));
        assertEquals("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"registry.example.com/platform/node\","
                + "\"digest\":{\"sha256\":\"abc\"}}],\"predicateType\":\"https://cyclonedx.org/bom\",\"predicate\":{\"bomFormat\":\"CycloneDX\"}}",
                new String(statement, StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> InTotoStatement.of(Map.of(), "t", json.createObjectNode()));
        assertThrows(IllegalArgumentException.class, () -> InTotoStatement.of(Map.of("x", "abc"), "t", json.createObjectNode()));
    }
}
