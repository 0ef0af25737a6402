package dev.platformimages.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.platformimages.release.ReleaseState;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What one agent says of its platform's draft: which draft (manifest digest and build label), built for which decision
 * (version, definition hash, upstream digests), and the gates it passed there, or the failure that stopped them. The
 * assemble goal reads it from the registry, and checks what it can against the draft itself.
 *
 * @param platform          the agent's platform
 * @param draftDigest       the manifest digest of the platform's draft, the image the gates tested
 * @param buildId           the draft's build label
 * @param version           the release's version
 * @param definitionHash    the definition the agent built
 * @param baseDigests       the upstream digests of the decision the agent followed
 * @param passed            whether every gate passed
 * @param failure           why the gates stopped, when they did not pass
 * @param checks            the gates passed, in order, with their duration in milliseconds
 * @param agent             the agent (host and run) that tested it
 * @param testedAt          when the gates ended (ISO-8601)
 * @param buildInputs       what the agent built from (paths, build args shown, source revision), for the provenance
 */
public record GateRecord(String platform, String draftDigest, String buildId, String version, String definitionHash,
                         Map<String, String> baseDigests, boolean passed, String failure, List<Check> checks, String agent,
                         String testedAt, ReleaseState.BuildInputs buildInputs) {

    /** The artifact type of a gate record. */
    public static final String ARTIFACT_TYPE = "application/vnd.dev.platformimages.gate-record.v1+json";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).build();

    /** One gate passed and how long it took. */
    public record Check(String name, long millis) {
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static GateRecord fromJson(byte[] json) {
        try {
            return JSON.readValue(json, GateRecord.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a gate record: " + e.getMessage(), e);
        }
    }
}
