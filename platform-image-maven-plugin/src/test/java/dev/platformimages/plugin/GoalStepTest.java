package dev.platformimages.plugin;

import dev.platformimages.release.ReleaseStep;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each goal reports its own step in failures: a failed rollback, prune or lifecycle policy is never "push failed". */
class GoalStepTest {

    @Test
    void eachGoalNamesItsOwnStep() {
        Map<String, String> steps = new TreeMap<>();
        for (AbstractPlatformImageMojo goal : List.of(new CheckUpdateMojo(), new DockerBuildMojo(), new IntegrationTestMojo(),
                new PushMojo(), new NotifyMojo(), new StatusMojo(), new RollbackMojo(), new PruneMojo(), new LifecyclePolicyMojo(), new PlanMojo())) {
            steps.put(goal.goal(), goal.step().label());
        }
        assertEquals(new TreeMap<>(Map.of("check-update", "check", "docker-build", "build", "integration-test", "integration test",
                "push", "push", "notify", "notify", "status", "status", "rollback", "rollback", "prune", "prune",
                "lifecycle-policy", "lifecycle policy", "plan", "plan")), steps);
    }

    @Test
    void onlyTheStepsOfAPlannedReleaseReportWhatItPublished() {
        assertTrue(ReleaseStep.PUSH.continuesARelease());
        assertTrue(ReleaseStep.SCAN.continuesARelease());
        assertFalse(ReleaseStep.CHECK.continuesARelease());
        assertFalse(ReleaseStep.ROLLBACK.continuesARelease());
        assertFalse(ReleaseStep.PRUNE.continuesARelease());
        assertFalse(ReleaseStep.STATUS.continuesARelease());
    }
}
