package dev.platformimages.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders status rows as a text table for the log, as Markdown for a CI job summary, and as JSON. Pure. */
public final class StatusReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<StatusRow> rows;
    private final Instant now;

    public StatusReport(List<StatusRow> rows, Instant now) {
        this.rows = List.copyOf(rows);
        this.now = now;
    }

    public List<StatusRow> rows() {
        return rows;
    }

    /** The lines of a fixed-width table. */
    public List<String> table() {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"IMAGE", "NEWEST", "AGE", "BASES (published -> now)", "DECISION"});
        for (StatusRow row : rows) {
            cells.add(new String[] {row.image(), orDash(row.newestWithPlatforms()), age(row.newestCreated()), bases(row, true),
                    row.error() != null ? "ERROR: " + row.error() : row.decision()});
        }
        int[] widths = new int[5];
        for (String[] line : cells) {
            for (int i = 0; i < 5; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                text.append(i == 4 ? line[i] : pad(line[i], widths[i] + 2));
            }
            lines.add(text.toString().stripTrailing());
        }
        return lines;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("### Platform images\n\n");
        long pending = rows.stream().filter(r -> r.error() == null && StatusRow.PENDING.equals(r.decision())).count();
        long due = rows.stream().filter(r -> r.error() == null && !"UP_TO_DATE".equals(r.decision())
                && !StatusRow.PENDING.equals(r.decision())).count();
        long failed = rows.stream().filter(r -> r.error() != null).count();
        md.append(rows.size()).append(" image(s): ").append(rows.size() - due - failed - pending).append(" up to date, ")
                .append(due).append(" due for a release").append(pending > 0 ? ", " + pending + " pending (platform.minBaseAge)" : "")
                .append(failed > 0 ? ", " + failed + " could not be checked" : "")
                .append(".\n\n| Image | Newest | Age | Bases (published → now) | Decision |\n|---|---|---|---|---|\n");
        for (StatusRow row : rows) {
            md.append("| `").append(row.image()).append("` | ").append(row.newestVersion() == null ? "—" : "`" + row.newestWithPlatforms() + "`")
                    .append(" | ").append(age(row.newestCreated())).append(" | ").append(escape(bases(row, false)))
                    .append(" | ").append(row.error() != null ? "❌ " + escape(row.error())
                            : ("UP_TO_DATE".equals(row.decision()) ? "✅ " : StatusRow.PENDING.equals(row.decision()) ? "⏳ " : "🔄 ") + "**" + row.decision() + "**: "
                            + escape(row.explanation()))
                    .append(row.packages() == null ? "" : "<br>Packages: " + escape(row.packages()))
                    .append(row.signed() == null || row.newestVersion() == null ? "" : row.signed() ? "<br>Signed" : "<br>⚠️ Unsigned")
                    .append(row.tracks().isEmpty() ? "" : "<br>Track: " + escape(String.join("; ", row.tracks())))
                    .append(" |\n");
        }
        return md.toString();
    }

    public String json() {
        ArrayNode images = JSON.createArrayNode();
        for (StatusRow row : rows) {
            ObjectNode image = images.addObject();
            image.put("image", row.image());
            image.put("newestVersion", row.newestVersion());
            image.put("newestCreated", row.newestCreated());
            row.newestPlatforms().forEach(image.withArray("newestPlatforms")::add);
            image.put("newestUntested", row.newestUntested());
            Long ageSeconds = ageSeconds(row.newestCreated());
            if (ageSeconds == null) {
                image.putNull("ageSeconds");
            } else {
                image.put("ageSeconds", ageSeconds);
            }
            ObjectNode bases = image.putObject("bases");
            row.currentBases().forEach((name, digest) -> bases.putObject(name)
                    .put("published", row.publishedBases().get(name)).put("now", digest));
            image.put("decision", row.decision());
            image.put("explanation", row.explanation());
            image.put("error", row.error());
            image.put("packages", row.packages());
            if (row.signed() != null) {
                image.put("signed", row.signed());
            }
            row.tracks().forEach(image.putArray("tracks")::add);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("checkedAt", now.toString());
        root.set("images", images);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String bases(StatusRow row, boolean forLog) {
        if (row.currentBases().isEmpty()) {
            return forLog ? "-" : "—";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> base : row.currentBases().entrySet()) {
            String before = row.publishedBases().get(base.getKey());
            String now = base.getValue();
            String shown = before == null ? "new " + shortDigest(now)
                    : before.equals(now) ? shortDigest(now) + " (same)" : shortDigest(before) + " -> " + shortDigest(now);
            parts.add(base.getKey() + " " + shown);
        }
        return String.join("; ", parts);
    }

    private static String shortDigest(String digest) {
        return digest != null && digest.startsWith("sha256:") && digest.length() > 19 ? digest.substring(0, 19) : String.valueOf(digest);
    }

    private Long ageSeconds(String created) {
        if (created == null) {
            return null;
        }
        try {
            return Math.max(0, Duration.between(Instant.parse(created), now).toSeconds());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code 3 d}, {@code 5 h}, {@code 12 min}, or a dash. */
    String age(String created) {
        Long seconds = ageSeconds(created);
        if (seconds == null) {
            return "-";
        }
        if (seconds >= 86_400) {
            return seconds / 86_400 + " d";
        }
        if (seconds >= 3_600) {
            return seconds / 3_600 + " h";
        }
        return seconds / 60 + " min";
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
