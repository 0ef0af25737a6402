package dev.platformimages.agent;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One agent's part of a multi-arch release: the platform it builds and gates natively, and the release it belongs to,
 * which every agent of the release (and the assemble job) names the same way so that they find each other's work in
 * the registry, the only thing they share.
 *
 * @param platform  this agent's platform, one of the release's platforms
 * @param releaseId the release's id as it appears in tags: letters, digits, '.', '_' and '-'
 */
public record AgentRun(String platform, String releaseId) {

    public static final String PROPERTY_PLATFORM = "platform.platform";
    public static final String PROPERTY_RELEASE_ID = "platform.releaseId";
    /**
     * The CI variables that name one run of a pipeline and stay the same when one of its jobs is run again: GitHub
     * Actions' run id, Azure Pipelines' build id.
     */
    static final List<String> RUN_VARIABLES = List.of("GITHUB_RUN_ID", "BUILD_BUILDID");
    private static final int LONGEST_ID = 64;

    /**
     * The agent run the parameters describe, or empty when {@code platform} is not set (one machine builds every platform).
     *
     * @param platform    platform.platform
     * @param releaseId   platform.releaseId, or null: then the CI run's id
     * @param platforms   platform.platforms, parsed
     * @param environment the process environment
     * @throws IllegalArgumentException naming the parameter and how to fix it
     */
    public static Optional<AgentRun> of(String platform, String releaseId, List<String> platforms, Map<String, String> environment) {
        if (platform == null || platform.isBlank()) {
            return Optional.empty();
        }
        String wanted = platform.strip();
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY_PLATFORM + "=" + wanted + " builds one platform of a multi-arch "
                    + "release, but platform.platforms is not set: give platform.platforms every platform of the release "
                    + "(e.g. linux/amd64,linux/arm64), the same on every agent");
        }
        if (platforms.size() == 1) {
            throw new IllegalArgumentException(PROPERTY_PLATFORM + "=" + wanted + " builds one platform of a multi-arch "
                    + "release, but platform.platforms has only " + platforms.get(0) + ": run mvn deploy on an agent of that "
                    + "platform instead, or give platform.platforms every platform of the release");
        }
        if (!platforms.contains(wanted)) {
            throw new IllegalArgumentException(PROPERTY_PLATFORM + "=" + wanted + " is not one of platform.platforms "
                    + platforms + ": give each agent one platform of that list");
        }
        return Optional.of(new AgentRun(wanted, resolve(releaseId, environment, PROPERTY_PLATFORM + "=" + wanted + " needs "
                + PROPERTY_RELEASE_ID + ", the id all agents of the release share")));
    }

    /** The release id of the assemble goal: platform.releaseId, else the CI run's id. */
    public static String releaseId(String releaseId, Map<String, String> environment) {
        return resolve(releaseId, environment, "the assemble goal needs " + PROPERTY_RELEASE_ID
                + ", the id the agents of the release were given");
    }

    /** platform.releaseId, else the first CI run variable set, as a tag part; else fails with {@code missing} and the fix. */
    private static String resolve(String releaseId, Map<String, String> environment, String missing) {
        if (releaseId != null && !releaseId.isBlank()) {
            return tagPart(releaseId.strip());
        }
        for (String variable : RUN_VARIABLES) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return tagPart(value.strip());
            }
        }
        throw new IllegalArgumentException(missing + " (the CI run's, e.g. ${{ github.run_id }} or $(Build.BuildId)); none of "
                + RUN_VARIABLES + " is set here");
    }

    /** {@code id} as a tag allows it: other characters become '-', at most 64 characters. */
    static String tagPart(String id) {
        String part = id.replaceAll("[^A-Za-z0-9_.-]", "-");
        return part.length() > LONGEST_ID ? part.substring(0, LONGEST_ID) : part;
    }
}
