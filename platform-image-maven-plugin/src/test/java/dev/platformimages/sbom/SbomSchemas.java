package dev.platformimages.sbom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The official CycloneDX 1.6 and SPDX 2.3 JSON schemas (copies of ../shared/schemas), for tests and ITs. */
public final class SbomSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SbomSchemas() {
    }

    /** What the CycloneDX 1.6 schema finds wrong with {@code bom} (empty: valid). */
    public static List<String> cycloneDxProblems(byte[] bom) {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
                        builder -> builder.schemaMappers(m -> m.mapPrefix("http://cyclonedx.org/schema/", "classpath:sbom/cyclonedx/")))
                .getSchema(java.net.URI.create("http://cyclonedx.org/schema/bom-1.6.schema.json"));
        return problems(schema, bom);
    }

    /** What the SPDX 2.3 schema finds wrong with {@code document} (empty: valid). */
    public static List<String> spdxProblems(byte[] document) {
        try (InputStream in = SbomSchemas.class.getResourceAsStream("/sbom/spdx-2.3.schema.json")) {
            return problems(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(JSON.readTree(in)), document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> problems(JsonSchema schema, byte[] json) {
        try {
            return schema.validate(JSON.readTree(json)).stream().map(ValidationMessage::getMessage).toList();
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }
}
