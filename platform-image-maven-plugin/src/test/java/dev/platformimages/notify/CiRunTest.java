package dev.platformimages.notify;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CiRunTest {

    @Test
    void gitHubActions() {
        assertEquals(Optional.of(new CiRun("GitHub Actions", "https://github.com/acme/images/actions/runs/77", "bob", "schedule")),
                CiRun.detect(Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://github.com",
                        "GITHUB_REPOSITORY", "acme/images", "GITHUB_RUN_ID", "77", "GITHUB_ACTOR", "alice",
                        "GITHUB_TRIGGERING_ACTOR", "bob", "GITHUB_EVENT_NAME", "schedule")));
    }

    @Test
    void azurePipelinesEncodesTheProjectName() {
        assertEquals(Optional.of(new CiRun("Azure Pipelines",
                        "https://dev.azure.com/acme/Platform%20Images/_build/results?buildId=981", "Carol Smith", "Manual")),
                CiRun.detect(Map.of("TF_BUILD", "True", "SYSTEM_COLLECTIONURI", "https://dev.azure.com/acme/",
                        "SYSTEM_TEAMPROJECT", "Platform Images", "BUILD_BUILDID", "981",
                        "BUILD_REQUESTEDFOR", "Carol Smith", "BUILD_REASON", "Manual")));
    }

    @Test
    void gitLab() {
        assertEquals(Optional.of(new CiRun("GitLab CI", "https://gitlab.example.com/p/-/pipelines/5", "dave", "web")),
                CiRun.detect(Map.of("GITLAB_CI", "true", "CI_PIPELINE_URL", "https://gitlab.example.com/p/-/pipelines/5",
                        "GITLAB_USER_LOGIN", "dave", "CI_PIPELINE_SOURCE", "web")));
    }

    @Test
    void aRunWithMissingVariablesHasNoLinkAndNoCiIsEmpty() {
        assertEquals(Optional.of(new CiRun("GitHub Actions", null, "alice", null)),
                CiRun.detect(Map.of("GITHUB_ACTIONS", "true", "GITHUB_ACTOR", "alice")));
        assertEquals(Optional.empty(), CiRun.detect(Map.of("HOME", "/root")));
    }
}
