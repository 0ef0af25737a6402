package dev.platformimages.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-toto Statement v1 ({@code ../shared/specs/in-toto-statement-v1.md}): the subjects (name and digests) the
 * predicate is about, the predicate's type and the predicate. The payload of a DSSE envelope of type
 * {@link Dsse#IN_TOTO}.
 */
public record InTotoStatement(List<Subject> subjects, String predicateType, JsonNode predicate) {

    public static final String TYPE = "https://in-toto.io/Statement/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One subject: a name (null: none, as cosign's signature statement has) and its digest {@code sha256:<hex>}. */
    public record Subject(String name, String digest) {
    }

    /**
     * The statement's bytes.
     *
     * @param subjects name (e.g. the image's registry/repository) to its digest ({@code sha256:<hex>})
     */
    public static byte[] of(Map<String, String> subjects, String predicateType, JsonNode predicate) {
        List<Subject> list = new ArrayList<>();
        subjects.forEach((name, digest) -> list.add(new Subject(name, digest)));
        return new InTotoStatement(list, predicateType, predicate).bytes();
    }

    /** The statement's bytes: {@code _type}, {@code subject}, {@code predicateType}, {@code predicate}. */
    public byte[] bytes() {
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("an in-toto statement needs at least one subject");
        }
        ObjectNode statement = JSON.createObjectNode().put("_type", TYPE);
        ArrayNode array = statement.putArray("subject");
        for (Subject subject : subjects) {
            int colon = subject.digest().indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("the digest of " + subject.name() + " is not <algorithm>:<hex>: " + subject.digest());
            }
            ObjectNode node = array.addObject();
            if (subject.name() != null) {
                node.put("name", subject.name());
            }
            node.putObject("digest").put(subject.digest().substring(0, colon), subject.digest().substring(colon + 1));
        }
        statement.put("predicateType", predicateType);
        statement.set("predicate", predicate);
        try {
            return JSON.writeValueAsBytes(statement);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a statement; subjects with several digests give their sha256 one.
     *
     * @throws IllegalArgumentException when it is not an in-toto Statement v1
     */
    public static InTotoStatement parse(byte[] bytes) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("the statement is not JSON");
        }
        if (node == null || !TYPE.equals(node.path("_type").asText())) {
            throw new IllegalArgumentException("not an in-toto Statement v1 (_type " + (node == null ? "none" : node.path("_type").asText()) + ")");
        }
        List<Subject> subjects = new ArrayList<>();
        for (JsonNode s : node.path("subject")) {
            String sha = s.path("digest").path("sha256").asText(null);
            if (sha != null) {
                subjects.add(new Subject(s.hasNonNull("name") ? s.path("name").asText() : null, "sha256:" + sha));
            }
        }
        return new InTotoStatement(subjects, node.path("predicateType").asText(), node.path("predicate"));
    }

    /** Whether {@code digest} is one of the subjects. */
    public boolean about(String digest) {
        return subjects.stream().anyMatch(s -> s.digest().equals(digest));
    }

    /** The subjects as name to digest (nameless ones under their digest). */
    public Map<String, String> subjectMap() {
        Map<String, String> map = new LinkedHashMap<>();
        subjects.forEach(s -> map.put(s.name() == null ? s.digest() : s.name(), s.digest()));
        return map;
    }
}
