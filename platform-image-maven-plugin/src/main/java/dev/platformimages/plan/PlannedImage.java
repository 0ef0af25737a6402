package dev.platformimages.plan;

import java.util.List;

/**
 * A due image in the plan: what its build job needs (the folder) and what a person reads (why, which version).
 *
 * @param folder      the image's folder relative to the reactor root
 * @param image       registry/repository
 * @param reason      the decision (BASE_CHANGED for an image due only because a reactor base is due), or CHECK_FAILED
 * @param explanation why
 * @param previous    the newest published version tag, or null
 * @param version     the version tag the release publishes (null for CHECK_FAILED)
 * @param after       the folders of the due reactor images it builds FROM: released in earlier waves
 * @param platforms   platform.platforms, empty for the engine's own
 */
public record PlannedImage(String folder, String image, String reason, String explanation, String previous, String version,
                           List<String> after, List<String> platforms) {

    /** The reason given to an image that could not be checked: its build job runs and reports the failure itself. */
    public static final String CHECK_FAILED = "CHECK_FAILED";
}
