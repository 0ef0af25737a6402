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
 * @param newestPlatforms the platforms of the newest version (several for a multi-arch image)
 * @param newestUntested  whether the newest version was released with no gate (platform.allowUntested=true)
 * @param packages        the newest version's packages in a line (how many, the updates it does not take), or null
 * @param signed          whether the newest version carries a signature (null: not known)
 * @param tracks          what the track report found about its upstream bases (newer tracks, tags that stopped moving)
 */
public record StatusRow(String image, String newestVersion, String newestCreated, Map<String, String> publishedBases,
                        Map<String, String> currentBases, String decision, String explanation, String error,
                        java.util.List<String> newestPlatforms, boolean newestUntested, String packages, Boolean signed,
                        java.util.List<String> tracks) {

    public StatusRow {
        tracks = tracks == null ? java.util.List.of() : java.util.List.copyOf(tracks);
    }

    public StatusRow(String image, String newestVersion, String newestCreated, Map<String, String> publishedBases,
                     Map<String, String> currentBases, String decision, String explanation, String error,
                     java.util.List<String> newestPlatforms, boolean newestUntested, String packages, Boolean signed) {
        this(image, newestVersion, newestCreated, publishedBases, currentBases, decision, explanation, error, newestPlatforms,
                newestUntested, packages, signed, java.util.List.of());
    }

    /** The decision of an image whose base change platform.minBaseAge holds back: up to date until then. */
    public static final String PENDING = "PENDING";

    public StatusRow(String image, String newestVersion, String newestCreated, Map<String, String> publishedBases,
                     Map<String, String> currentBases, String decision, String explanation, String error,
                     java.util.List<String> newestPlatforms, boolean newestUntested, String packages) {
        this(image, newestVersion, newestCreated, publishedBases, currentBases, decision, explanation, error, newestPlatforms,
                newestUntested, packages, null);
    }

    public StatusRow(String image, String newestVersion, String newestCreated, Map<String, String> publishedBases,
                     Map<String, String> currentBases, String decision, String explanation, String error,
                     java.util.List<String> newestPlatforms, boolean newestUntested) {
        this(image, newestVersion, newestCreated, publishedBases, currentBases, decision, explanation, error, newestPlatforms,
                newestUntested, null);
    }

    public StatusRow(String image, String newestVersion, String newestCreated, Map<String, String> publishedBases,
                     Map<String, String> currentBases, String decision, String explanation, String error) {
        this(image, newestVersion, newestCreated, publishedBases, currentBases, decision, explanation, error,
                java.util.List.of(), false);
    }

    /** The newest version, with its platforms when it has several, e.g. {@code 1.35-1.0.0 (linux/amd64, linux/arm64)}. */
    public String newestWithPlatforms() {
        if (newestVersion == null) {
            return null;
        }
        String shown = newestPlatforms.size() > 1 ? newestVersion + " (" + String.join(", ", newestPlatforms) + ")" : newestVersion;
        return newestUntested ? shown + " UNTESTED" : shown;
    }
}
