package dev.platformimages.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The CI run this build is part of, read from the variables Azure Pipelines, GitHub Actions and GitLab CI set:
 * where to see it, who started it and why.
 *
 * @param provider for example {@code GitHub Actions}
 * @param url the run's page, or null
 * @param actor who started or triggered the run, or null
 * @param trigger why it ran (schedule, manual, push...), or null
 */
public record CiRun(String provider, String url, String actor, String trigger) {

    public static Optional<CiRun> detect(Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.get("GITHUB_ACTIONS"))) {
            String url = all(env, "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")
                    ? env.get("GITHUB_SERVER_URL") + "/" + env.get("GITHUB_REPOSITORY") + "/actions/runs/" + env.get("GITHUB_RUN_ID")
                    : null;
            String actor = env.getOrDefault("GITHUB_TRIGGERING_ACTOR", env.get("GITHUB_ACTOR"));
            return Optional.of(new CiRun("GitHub Actions", url, actor, env.get("GITHUB_EVENT_NAME")));
        }
        if ("true".equalsIgnoreCase(env.get("TF_BUILD"))) {
            String url = null;
            if (all(env, "SYSTEM_COLLECTIONURI", "SYSTEM_TEAMPROJECT", "BUILD_BUILDID")) {
                String collection = env.get("SYSTEM_COLLECTIONURI");
                url = collection + (collection.endsWith("/") ? "" : "/")
                        + URLEncoder.encode(env.get("SYSTEM_TEAMPROJECT"), StandardCharsets.UTF_8).replace("+", "%20")
                        + "/_build/results?buildId=" + env.get("BUILD_BUILDID");
            }
            return Optional.of(new CiRun("Azure Pipelines", url, env.get("BUILD_REQUESTEDFOR"), env.get("BUILD_REASON")));
        }
        if ("true".equalsIgnoreCase(env.get("GITLAB_CI"))) {
            return Optional.of(new CiRun("GitLab CI", env.getOrDefault("CI_PIPELINE_URL", env.get("CI_JOB_URL")),
                    env.get("GITLAB_USER_LOGIN"), env.get("CI_PIPELINE_SOURCE")));
        }
        return Optional.empty();
    }

    private static boolean all(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
