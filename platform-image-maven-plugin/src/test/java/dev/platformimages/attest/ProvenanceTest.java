package dev.platformimages.attest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ProvenanceTest {

    private static final String BASE = "mcr.microsoft.com/dotnet/runtime:8.0";
    private static final String TAG_DIGEST = "sha256:" + "a".repeat(64);
    private static final String PLATFORM_DIGEST = "sha256:" + "b".repeat(64);

    @Test
    void theProvenanceNamesTheBuildItsBasesAndRunAndWithholdsSecretNamedBuildArgs() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("DOTNET_VERSION", "8.0.11");
        args.put("NUGET_TOKEN", "ghp_s3cret");
        args.put("REGISTRY_PASSWORD", "hunter2");
        args.put("apiKey", "k3y");
        JsonNode p = Provenance.predicate(new Provenance.Facts("registry.example.com/platform/dotnet:8.0-1.2.0",
                "sha256:" + "d".repeat(64), "Dockerfile", ".", args, List.of("linux/amd64"), Map.of(BASE, TAG_DIGEST),
                Map.of(BASE, PLATFORM_DIGEST), "https://git.example.com/platform", "0123abcd", "1.2.3",
                "https://ci.example.com/run/7", Instant.parse("2026-12-02T10:00:00Z"), Instant.parse("2026-12-02T10:05:00Z")));

        JsonNode external = p.path("buildDefinition").path("externalParameters");
        assertEquals("8.0.11", external.path("buildArgs").path("DOTNET_VERSION").asText());
        for (String secret : List.of("NUGET_TOKEN", "REGISTRY_PASSWORD", "apiKey")) {
            assertEquals(BuildArgs.WITHHELD, external.path("buildArgs").path(secret).asText(), secret);
        }
        for (String value : List.of("ghp_s3cret", "hunter2", "k3y")) {
            assertFalse(p.toString().contains(value), value + " is in the provenance");
        }
        assertEquals(Map.of(BASE, TAG_DIGEST), Provenance.bases(p));
        JsonNode dependencies = p.path("buildDefinition").path("resolvedDependencies");
        assertEquals(PLATFORM_DIGEST, dependencies.get(0).path("annotations").path("platformDigest").asText());
        assertEquals("git+https://git.example.com/platform", dependencies.get(1).path("uri").asText());
        assertEquals("0123abcd", dependencies.get(1).path("digest").path("gitCommit").asText());
        assertEquals("pkg:maven/dev.platformimages/platform-image-maven-plugin@1.2.3",
                p.path("runDetails").path("builder").path("id").asText());
        assertEquals("https://ci.example.com/run/7", p.path("runDetails").path("metadata").path("invocationId").asText());
    }
}
