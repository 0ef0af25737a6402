package dev.platformimages.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test-result predicate ({@code ../shared/specs/in-toto-predicate-test-result.md}) of the gates a release passed
 * on the very digest it ships: {@code result} PASSED (or WARNED for a release published untested because
 * platform.allowUntested said so), {@code passedTests} the gates by name ("... on linux/arm64" per platform of a
 * multi-arch release), {@code configuration} the definition the gates belong to, {@code url} the CI run when known.
 * Extended, as the predicate allows, with {@code tested}: the digest the gates ran on and each platform's digest,
 * so that a verifier can tell the record covers every platform.
 */
public final class TestRecord {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One gate that passed: its name and how long it took. */
    public record Gate(String name, long millis) {
    }

    private TestRecord() {
    }

    /**
     * @param testedDigest the draft digest the gates ran on (the published one: the manifest is copied byte for byte)
     * @param platformDigests each platform's image digest in it (empty for a single-platform image)
     */
    public static JsonNode predicate(List<Gate> gates, boolean untested, String testedDigest, Map<String, String> platformDigests,
                                     String configurationName, String definitionHash, String ciRun) {
        ObjectNode predicate = JSON.createObjectNode().put("result", untested ? "WARNED" : "PASSED");
        ObjectNode configuration = predicate.putArray("configuration").addObject().put("name", configurationName);
        configuration.putObject("digest").put("sha256", definitionHash.substring(definitionHash.indexOf(':') + 1));
        if (ciRun != null) {
            predicate.put("url", ciRun);
        }
        ArrayNode passed = predicate.putArray("passedTests");
        gates.forEach(g -> passed.add(g.name()));
        if (untested) {
            predicate.putArray("warnedTests").add("released untested: no gate is configured and platform.allowUntested=true");
        }
        predicate.putArray("failedTests");
        ObjectNode tested = predicate.putObject("tested").put("digest", testedDigest);
        ObjectNode platforms = tested.putObject("platforms");
        platformDigests.forEach(platforms::put);
        ObjectNode durations = tested.putObject("millis");
        gates.forEach(g -> durations.put(g.name(), g.millis()));
        return predicate;
    }

    /** What a record says it covers: the digest tested, and the platforms with a passed gate each. */
    public record Coverage(String result, String digest, Map<String, String> platforms, List<String> passed) {

        /** The platforms of {@code expected} that no passed gate names ("... on PLATFORM"). */
        public List<String> untestedPlatforms(Iterable<String> expected) {
            List<String> missing = new ArrayList<>();
            for (String platform : expected) {
                if (passed.stream().noneMatch(name -> name.endsWith(" on " + platform))) {
                    missing.add(platform);
                }
            }
            return missing;
        }
    }

    public static Coverage coverage(JsonNode predicate) {
        Map<String, String> platforms = new LinkedHashMap<>();
        predicate.path("tested").path("platforms").fields().forEachRemaining(e -> platforms.put(e.getKey(), e.getValue().asText()));
        List<String> passed = new ArrayList<>();
        predicate.path("passedTests").forEach(n -> passed.add(n.asText()));
        return new Coverage(predicate.path("result").asText(), predicate.path("tested").path("digest").asText(null), platforms, passed);
    }
}
