package dev.platformimages.agent;

import dev.platformimages.image.Platforms;
import dev.platformimages.release.ReleaseTags;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tags of a release made by agents, in the draft repository. They are draft tags ({@code draft-{version}-...}),
 * so the registry settings that leave room for drafts cover them, and publishing the version deletes them with the
 * other drafts of that version.
 * <ul>
 *   <li>{@code draft-{version}-release-{id}}: the release's decision, pinned by the first agent</li>
 *   <li>{@code draft-{version}-release-{id}-{os}-{arch}}: one agent's gate record, about its platform's draft</li>
 *   <li>{@code draft-{version}-release-{id}-index}: the index the assemble goal made of the agents' drafts</li>
 * </ul>
 */
public final class AgentTags {

    private AgentTags() {
    }

    public static String decision(String version, String releaseId) {
        return ReleaseTags.DRAFT_PREFIX + version + "-release-" + releaseId;
    }

    public static String gateRecord(String version, String releaseId, String platform) {
        return decision(version, releaseId) + "-" + Platforms.tagSuffix(platform);
    }

    public static String index(String version, String releaseId) {
        return decision(version, releaseId) + "-index";
    }

    /** The version whose decision {@code tag} is, when it is the decision tag of release {@code releaseId}. */
    public static Optional<String> decisionVersion(String tag, String releaseId) {
        Matcher m = Pattern.compile(Pattern.quote(ReleaseTags.DRAFT_PREFIX) + "([0-9]+\\.[0-9]+\\.[0-9]+)-release-"
                + Pattern.quote(releaseId)).matcher(tag);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
