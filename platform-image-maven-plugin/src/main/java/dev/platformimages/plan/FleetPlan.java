package dev.platformimages.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fleet's plan: the due images in waves, where an image comes after every due image of the reactor it builds FROM,
 * and is due itself because of it (the cascade: its base gets a new version first). Images that are not due are
 * counted, not listed. An image that could not be checked is planned too (CHECK_FAILED), so its build job runs and
 * reports the failure through the goals' own messages and notifications; it does not make its dependents due. Pure.
 */
public final class FleetPlan {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An up-to-date image whose base change platform.minBaseAge holds back. */
    public record Pending(String folder, String image, String explanation, String until) {
    }

    /** What the track report found about an image's upstream bases, reported, not acted on. */
    public record Track(String folder, String image, List<String> findings) {
    }

    private final List<List<PlannedImage>> waves;
    private final List<Pending> pending;
    private final List<Track> tracks;
    private final int images;
    private final int upToDate;
    private final int failed;
    private final boolean force;
    private final Instant createdAt;

    private FleetPlan(List<List<PlannedImage>> waves, List<Pending> pending, List<Track> tracks, int images, int upToDate,
                      int failed, boolean force, Instant createdAt) {
        this.waves = waves;
        this.pending = pending;
        this.tracks = tracks;
        this.images = images;
        this.upToDate = upToDate;
        this.failed = failed;
        this.force = force;
        this.createdAt = createdAt;
    }

    /** Puts the reactor's rows (in reactor order) in waves. */
    public static FleetPlan of(List<PlanRow> rows, boolean force, Instant createdAt) {
        Map<String, PlanRow> byImage = new LinkedHashMap<>();
        rows.forEach(row -> byImage.putIfAbsent(row.image(), row));
        Map<String, Placement> placed = new HashMap<>();
        List<List<PlannedImage>> waves = new ArrayList<>();
        int upToDate = 0;
        List<Pending> pending = new ArrayList<>();
        for (PlanRow row : rows) {
            Placement placement = place(row, byImage, placed, new HashSet<>());
            if (placement.wave == 0) {
                upToDate++;
                if (row.pending() != null) {
                    pending.add(new Pending(row.folder(), row.image(), row.pending(), row.pendingUntil()));
                }
                continue;
            }
            while (waves.size() < placement.wave) {
                waves.add(new ArrayList<>());
            }
            waves.get(placement.wave - 1).add(placement.image);
        }
        int failed = (int) rows.stream().filter(r -> r.error() != null).count();
        List<Track> tracks = rows.stream().filter(r -> !r.tracks().isEmpty())
                .map(r -> new Track(r.folder(), r.image(), r.tracks())).toList();
        return new FleetPlan(waves.stream().map(List::copyOf).toList(), List.copyOf(pending), tracks, rows.size(), upToDate,
                failed, force, createdAt);
    }

    /** Where an image goes: wave 0 when it is not due. */
    private record Placement(int wave, boolean cascades, PlannedImage image) {
    }

    private static Placement place(PlanRow row, Map<String, PlanRow> byImage, Map<String, Placement> placed, Set<String> visiting) {
        Placement known = placed.get(row.image());
        if (known != null) {
            return known;
        }
        visiting.add(row.image());
        int wave = 0;
        List<String> after = new ArrayList<>();
        List<String> dueBases = new ArrayList<>();
        for (String baseName : row.bases()) {
            PlanRow base = byImage.get(baseName);
            if (base == null || base == row || visiting.contains(baseName)) {
                continue; // not an image of this reactor (or a cycle, which Maven refuses anyway)
            }
            Placement basePlacement = place(base, byImage, placed, visiting);
            if (basePlacement.wave > 0) {
                wave = Math.max(wave, basePlacement.wave);
                if (!after.contains(base.folder())) {
                    after.add(base.folder());
                }
                if (basePlacement.cascades) {
                    dueBases.add(base.image() + " (" + base.folder() + ", wave " + basePlacement.wave + ")");
                }
            }
        }
        visiting.remove(row.image());
        Placement placement;
        if (row.error() != null) {
            placement = new Placement(wave + 1, false, new PlannedImage(row.folder(), row.image(), PlannedImage.CHECK_FAILED,
                    row.error(), null, null, after, row.platforms()));
        } else if (!row.upToDate()) {
            placement = new Placement(wave + 1, true, new PlannedImage(row.folder(), row.image(), row.reason(),
                    row.explanation(), row.previous(), row.version(), after, row.platforms()));
        } else if (!dueBases.isEmpty()) {
            placement = new Placement(wave + 1, true, new PlannedImage(row.folder(), row.image(), "BASE_CHANGED",
                    "built FROM " + String.join(", ", dueBases) + ", which is released first: " + row.previous() + " -> "
                            + row.cascadeVersion(), row.previous(), row.cascadeVersion(), after, row.platforms()));
        } else {
            placement = new Placement(0, false, null);
        }
        placed.put(row.image(), placement);
        return placement;
    }

    public List<List<PlannedImage>> waves() {
        return waves;
    }

    /** How many images are due, in every wave. */
    public int due() {
        return waves.stream().mapToInt(List::size).sum();
    }

    public List<Pending> pending() {
        return pending;
    }

    public List<Track> tracks() {
        return tracks;
    }

    public int upToDate() {
        return upToDate;
    }

    public int failed() {
        return failed;
    }

    /** The plan as written to plan.json. */
    public String json() {
        ObjectNode plan = JSON.createObjectNode();
        plan.put("createdAt", createdAt.toString());
        plan.put("force", force);
        plan.put("images", images);
        plan.put("due", due());
        plan.put("upToDate", upToDate);
        plan.put("failed", failed);
        ArrayNode waveNodes = plan.putArray("waves");
        for (List<PlannedImage> wave : waves) {
            waveNodes.add(JSON.valueToTree(wave));
        }
        plan.set("pending", JSON.valueToTree(pending));
        plan.set("tracks", JSON.valueToTree(tracks));
        try {
            return JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(plan) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line for the log. */
    public String summary() {
        return images + " image(s): " + due() + " due in " + waves.size() + " wave(s), " + upToDate + " up to date"
                + (pending.isEmpty() ? "" : " (" + pending.size() + " of them with a base change pending: platform.minBaseAge)")
                + (failed > 0 ? ", " + failed + " could not be checked (planned, so that their build reports it)" : "");
    }

    /** The plan's lines for the log: a wave per block, an image per line. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(summary());
        for (int i = 0; i < waves.size(); i++) {
            lines.add("Wave " + (i + 1) + ":");
            for (PlannedImage image : waves.get(i)) {
                lines.add("  " + image.folder() + " (" + image.image() + "): " + image.reason()
                        + (image.version() == null ? "" : " -> " + image.version()) + ": " + image.explanation());
            }
        }
        if (!pending.isEmpty()) {
            lines.add("Pending:");
            pending.forEach(p -> lines.add("  " + p.folder() + " (" + p.image() + "): " + p.explanation()));
        }
        if (!tracks.isEmpty()) {
            lines.add("Tracks (reported, not acted on):");
            tracks.forEach(t -> t.findings().forEach(f -> lines.add("  " + t.folder() + ": " + f)));
        }
        return lines;
    }

    /** The plan as Markdown, for a CI job summary. */
    public String markdown() {
        StringBuilder md = new StringBuilder("### Platform image plan\n\n").append(summary()).append(".\n");
        if (!pending.isEmpty()) {
            md.append("\n| Pending | Image | Why | Taken from |\n|---|---|---|---|\n");
            pending.forEach(p -> md.append("| `").append(p.folder()).append("` | `").append(p.image()).append("` | ")
                    .append(escape(p.explanation())).append(" | ").append(p.until()).append(" |\n"));
        }
        if (!tracks.isEmpty()) {
            md.append("\n| Track | Image | Reported, not acted on |\n|---|---|---|\n");
            tracks.forEach(t -> md.append("| `").append(t.folder()).append("` | `").append(t.image()).append("` | ")
                    .append(escape(String.join("; ", t.findings()))).append(" |\n"));
        }
        if (waves.isEmpty()) {
            return md.append("\nNothing to build.\n").toString();
        }
        md.append("\n| Wave | Folder | Image | Decision | Version |\n|---|---|---|---|---|\n");
        for (int i = 0; i < waves.size(); i++) {
            for (PlannedImage image : waves.get(i)) {
                md.append("| ").append(i + 1).append(" | `").append(image.folder()).append("` | `").append(image.image())
                        .append("` | **").append(image.reason()).append("**: ").append(escape(image.explanation()))
                        .append(" | ").append(image.version() == null ? "—" : "`" + image.version() + "`").append(" |\n");
            }
        }
        return md.toString();
    }

    /**
     * GitHub Actions step outputs: {@code due}, {@code waves} and {@code wave1} .. {@code waveN}, each a JSON array of
     * matrix entries (folder, image, reason, version, and platforms: the array of platform.platforms, which a workflow
     * fans out on an agent per platform when it has two or more), {@code []} for an empty wave; N is at least
     * {@code minWaves}, so that a workflow with a fixed number of wave jobs finds all of its outputs.
     */
    public Map<String, String> githubOutputs(int minWaves) {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("due", Integer.toString(due()));
        outputs.put("waves", Integer.toString(waves.size()));
        for (int i = 0; i < Math.max(minWaves, waves.size()); i++) {
            ArrayNode entries = JSON.createArrayNode();
            if (i < waves.size()) {
                waves.get(i).forEach(image -> {
                    ObjectNode entry = matrixEntry(image);
                    image.platforms().forEach(entry.putArray("platforms")::add);
                    entries.add(entry);
                });
            }
            outputs.put("wave" + (i + 1), entries.toString());
        }
        return outputs;
    }

    /**
     * Azure Pipelines output variables: {@code due}, {@code waves}, {@code wave1} .. {@code waveN} and
     * {@code wave1_multi} .. {@code waveN_multi}, each a matrix object (a leg per image named after its folder, letters,
     * digits and underscores only), {@code {}} when empty: waveN holds the images one machine releases, waveN_multi
     * those of two platforms or more, which a pipeline builds on an agent pool per platform and then assembles (their
     * legs carry {@code platforms}, comma separated).
     */
    public Map<String, String> azureVariables(int minWaves) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("due", Integer.toString(due()));
        variables.put("waves", Integer.toString(waves.size()));
        Set<String> legs = new HashSet<>();
        for (int i = 0; i < Math.max(minWaves, waves.size()); i++) {
            ObjectNode matrix = JSON.createObjectNode();
            ObjectNode multi = JSON.createObjectNode();
            if (i < waves.size()) {
                for (PlannedImage image : waves.get(i)) {
                    ObjectNode entry = matrixEntry(image).put("platforms", String.join(",", image.platforms()));
                    (image.platforms().size() > 1 ? multi : matrix).set(legName(image.folder(), legs), entry);
                }
            }
            variables.put("wave" + (i + 1), matrix.toString());
            variables.put("wave" + (i + 1) + "_multi", multi.toString());
        }
        return variables;
    }

    /** An Azure matrix leg's name: must start with a letter and hold letters, digits and underscores only. */
    static String legName(String folder, Set<String> taken) {
        String name = folder.replaceAll("[^A-Za-z0-9_]", "_");
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            name = "image_" + name;
        }
        String unique = name;
        for (int n = 2; !taken.add(unique.toLowerCase(Locale.ROOT)); n++) {
            unique = name + "_" + n;
        }
        return unique;
    }

    private static ObjectNode matrixEntry(PlannedImage image) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("folder", image.folder());
        entry.put("image", image.image());
        entry.put("reason", image.reason());
        entry.put("version", image.version() == null ? "" : image.version());
        return entry;
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
