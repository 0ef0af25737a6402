package dev.platformimages.plan;

import java.util.List;

/**
 * One image's decision as the plan goal made it in the image's module, before the fleet is put in waves.
 *
 * @param folder         the image's folder relative to the reactor root, with {@code /} separators
 * @param image          registry/repository
 * @param reason         FIRST_VERSION, BASE_CHANGED, ... or UP_TO_DATE; null when the image could not be checked
 * @param explanation    the decision's sentence
 * @param previous       the newest published version tag, or null
 * @param version        the version tag a release would publish, or null when up to date
 * @param cascadeVersion the version tag a release would publish because a base of the reactor is released first
 *                       (the patch, or platform.bump), or null when nothing is published yet
 * @param bases          the names (registry/repository) of every image the Dockerfile builds FROM or copies from
 * @param platforms      platform.platforms, empty for the engine's own
 * @param error          why the image could not be checked, or null
 * @param pending        for an image up to date because platform.minBaseAge holds its base change back: why; else null
 * @param pendingUntil   from when that change is taken (ISO-8601), or null
 * @param tracks         what the track report found about its upstream bases (newer tracks, tags that stopped moving)
 */
public record PlanRow(String folder, String image, String reason, String explanation, String previous, String version,
                      String cascadeVersion, List<String> bases, List<String> platforms, String error, String pending,
                      String pendingUntil, List<String> tracks) {

    public PlanRow {
        bases = bases == null ? List.of() : List.copyOf(bases);
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
        tracks = tracks == null ? List.of() : List.copyOf(tracks);
    }

    /** A row without a track report. */
    public PlanRow(String folder, String image, String reason, String explanation, String previous, String version,
                   String cascadeVersion, List<String> bases, List<String> platforms, String error, String pending,
                   String pendingUntil) {
        this(folder, image, reason, explanation, previous, version, cascadeVersion, bases, platforms, error, pending,
                pendingUntil, List.of());
    }

    /** A row with nothing pending. */
    public PlanRow(String folder, String image, String reason, String explanation, String previous, String version,
                   String cascadeVersion, List<String> bases, List<String> platforms, String error) {
        this(folder, image, reason, explanation, previous, version, cascadeVersion, bases, platforms, error, null, null);
    }

    /** An image that could not be checked. */
    public static PlanRow failed(String folder, String image, List<String> bases, String error) {
        return new PlanRow(folder, image, null, null, null, null, null, bases, List.of(), error);
    }

    boolean upToDate() {
        return error == null && "UP_TO_DATE".equals(reason);
    }
}
