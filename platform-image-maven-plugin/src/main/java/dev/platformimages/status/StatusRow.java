package dev.platformimages.status;

import java.util.Map;

/**
 * One image's line of the status report: what is published, what its bases are now, and what a deploy would do.
 *
 * @param image           registry/repository
 * @param newestVersion   the newest version tag, or null when none is published
 * @param newestCreated   when it was built (ISO-8601), or null
 * @param publishedBases  base reference to the digest the newest version was built from
 * @param currentBases    base reference to the digest its tag resolves to now
 * @param decision        FIRST_VERSION, BASE_CHANGED, ... or UP_TO_DATE
 * @param explanation     the sentence the check gave
 * @param error           why the check failed, or null
 */
public record StatusRow(String image, String newestVersion, String newestCreated, Map<String, String> publishedBases,
                        Map<String, String> currentBases, String decision, String explanation, String error) {
}
