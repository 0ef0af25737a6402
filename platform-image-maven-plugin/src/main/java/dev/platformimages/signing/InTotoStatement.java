package dev.platformimages.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Map;

/**
 * An in-toto Statement v1 ({@code ../shared/specs/in-toto-statement-v1.md}): the subjects (name and digests) the
 * predicate is about, the predicate's type and the predicate. The payload of a DSSE envelope of type
 * {@link Dsse#IN_TOTO}.
 */
public final class InTotoStatement {

    public static final String TYPE = "https://in-toto.io/Statement/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private InTotoStatement() {
    }

    /**
     * The statement's bytes.
     *
     * @param subjects name (e.g. the image's registry/repository) to its digest ({@code sha256:<hex>})
     */
    public static byte[] of(Map<String, String> subjects, String predicateType, JsonNode predicate) {
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("an in-toto statement needs at least one subject");
        }
        ObjectNode statement = JSON.createObjectNode().put("_type", TYPE);
        var array = statement.putArray("subject");
        subjects.forEach((name, digest) -> {
            int colon = digest.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("the digest of " + name + " is not <algorithm>:<hex>: " + digest);
            }
            array.addObject().put("name", name).putObject("digest").put(digest.substring(0, colon), digest.substring(colon + 1));
        });
        statement.put("predicateType", predicateType);
        statement.set("predicate", predicate);
        try {
            return JSON.writeValueAsBytes(statement);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
