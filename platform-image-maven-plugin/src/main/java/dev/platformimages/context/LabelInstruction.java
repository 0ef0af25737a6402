package dev.platformimages.context;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The image's labels as one {@code LABEL} instruction appended to the Dockerfile the engine receives. The classic
 * builder (Docker 20.10, and Docker 26 when BuildKit is not asked for) turns each label of the build API into a step
 * of its own, each committing a container: nine labels cost about a second per build. Values are single-quoted, so
 * no escape character and no variable expansion applies; a label that cannot be written that way (a quote or a line
 * break in it) leaves them all to the build API.
 */
public final class LabelInstruction {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");

    private LabelInstruction() {
    }

    /** {@code LABEL a='1' b='2'} (keys sorted), or empty when there is none or one cannot be written so. */
    public static Optional<String> of(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder line = new StringBuilder("LABEL");
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            String value = label.getValue() == null ? "" : label.getValue();
            if (!KEY.matcher(label.getKey()).matches() || value.indexOf('\'') >= 0 || value.indexOf('\n') >= 0
                    || value.indexOf('\r') >= 0) {
                return Optional.empty();
            }
            line.append(' ').append(label.getKey()).append("='").append(value).append('\'');
        }
        return Optional.of(line.toString());
    }
}
