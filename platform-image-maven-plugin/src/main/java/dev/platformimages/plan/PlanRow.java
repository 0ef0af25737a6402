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
 */
public record PlanRow(String folder, String image, String reason, String explanation, String previous, String version,
                      String cascadeVersion, List<String> bases, List<String> platforms, String error) {

    public PlanRow {
        bases = bases == null ? List.of() : List.copyOf(bases);
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
    }

    /** An image that could not be checked. */
    public static PlanRow failed(String folder, String image, List<String> bases, String error) {
        return new PlanRow(folder, image, null, null, null, null, null, bases, List.of(), error);
    }

    boolean upToDate() {
        return error == null && "UP_TO_DATE".equals(reason);
    }
}
