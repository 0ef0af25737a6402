package dev.platformimages.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetPlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    private static final String R = "registry.example.com/platform/";

    private static PlanRow upToDate(String folder, String... bases) {
        return new PlanRow(folder, R + folder, "UP_TO_DATE", "nothing moved", "8.0-1.2.3", null, "8.0-1.2.4",
                List.of(bases), List.of(), null);
    }

    private static PlanRow due(String folder, String reason, String... bases) {
        return new PlanRow(folder, R + folder, reason, reason.toLowerCase() + " of " + folder, "8.0-1.2.3",
                reason.equals("BASE_CHANGED") ? "8.0-1.2.4" : "8.0-1.3.0", "8.0-1.2.4", List.of(bases), List.of(), null);
    }

    private static List<String> folders(List<PlannedImage> wave) {
        return wave.stream().map(PlannedImage::folder).toList();
    }

    @Test
    void nothingDueMeansNoWaveAndEveryImageCounted() {
        FleetPlan plan = FleetPlan.of(List.of(upToDate("busybox"), upToDate("node-20", "docker.io/library/node")), false, NOW);
        assertEquals(List.of(), plan.waves());
        assertEquals(0, plan.due());
        assertEquals(2, plan.upToDate());
        assertEquals(Map.of("due", "0", "waves", "0", "wave1", "[]", "wave2", "[]", "wave3", "[]"), plan.githubOutputs(3));
        assertEquals(Map.of("due", "0", "waves", "0", "wave1", "{}", "wave2", "{}", "wave1_multi", "{}", "wave2_multi", "{}"),
                plan.azureVariables(2));
        assertTrue(plan.markdown().contains("Nothing to build"), plan.markdown());
    }

    @Test
    void anImageBuiltFromADueImageOfTheReactorIsDueInTheNextWaveWithAPatchVersion() {
        FleetPlan plan = FleetPlan.of(List.of(
                due("dotnet-runtime-deps", "BASE_CHANGED", "mcr.microsoft.com/dotnet/runtime-deps"),
                upToDate("dotnet-runtime", R + "dotnet-runtime-deps"),
                upToDate("dotnet-aspnet", R + "dotnet-runtime"),
                upToDate("node-20", "docker.io/library/node")), false, NOW);

        assertEquals(List.of(List.of("dotnet-runtime-deps"), List.of("dotnet-runtime"), List.of("dotnet-aspnet")),
                plan.waves().stream().map(FleetPlanTest::folders).toList());
        PlannedImage runtime = plan.waves().get(1).get(0);
        assertEquals("BASE_CHANGED", runtime.reason());
        assertEquals("8.0-1.2.4", runtime.version());
        assertEquals(List.of("dotnet-runtime-deps"), runtime.after());
        assertEquals("built FROM " + R + "dotnet-runtime-deps (dotnet-runtime-deps, wave 1), which is released first: "
                + "8.0-1.2.3 -> 8.0-1.2.4", runtime.explanation());
        assertEquals(3, plan.due());
        assertEquals(1, plan.upToDate());
    }

    @Test
    void theReactorsOrderDoesNotMatterAndADiamondWaitsForItsDeepestBase() {
        FleetPlan plan = FleetPlan.of(List.of(
                upToDate("app-base", R + "runtime", R + "tools"),
                upToDate("runtime", R + "deps"),
                due("tools", "DEFINITION_CHANGED"),
                due("deps", "BASE_CHANGED")), false, NOW);
        assertEquals(List.of(List.of("tools", "deps"),
                        List.of("runtime"), List.of("app-base")),
                plan.waves().stream().map(FleetPlanTest::folders).toList());
        assertEquals(List.of("runtime", "tools"), plan.waves().get(2).get(0).after());
    }

    @Test
    void anImageDueItselfKeepsItsReasonAndComesAfterItsDueBase() {
        FleetPlan plan = FleetPlan.of(List.of(due("base", "BASE_CHANGED"), due("derived", "DEFINITION_CHANGED", R + "base")),
                false, NOW);
        PlannedImage derived = plan.waves().get(1).get(0);
        assertEquals("DEFINITION_CHANGED", derived.reason());
        assertEquals("8.0-1.3.0", derived.version());
        assertEquals(List.of("base"), derived.after());
    }

    @Test
    void anImageThatCouldNotBeCheckedIsPlannedButDoesNotMakeItsDependentsDue() {
        FleetPlan plan = FleetPlan.of(List.of(
                PlanRow.failed("base", R + "base", List.of(), "cannot list the versions of " + R + "base: 503"),
                upToDate("derived", R + "base"),
                due("other", "FORCED", R + "base")), true, NOW);
        assertEquals(List.of(List.of("base"), List.of("other")), plan.waves().stream().map(FleetPlanTest::folders).toList());
        assertEquals(PlannedImage.CHECK_FAILED, plan.waves().get(0).get(0).reason());
        assertEquals(1, plan.failed());
        assertEquals(1, plan.upToDate());
        assertTrue(plan.summary().contains("1 could not be checked"), plan.summary());
    }

    @Test
    void anImageWhoseBaseChangeIsHeldBackIsListedAsPendingAndCascadesNothing() throws Exception {
        PlanRow held = new PlanRow("node-20", R + "node-20", "UP_TO_DATE", "base x is younger", "20-1.0.0", null, "20-1.0.1",
                List.of("docker.io/library/node"), List.of(), null, "base x is younger than platform.minBaseAge=1d",
                "2026-12-03T08:00:00Z");
        FleetPlan plan = FleetPlan.of(List.of(held, upToDate("node-app", R + "node-20")), false, NOW);
        assertEquals(0, plan.due());
        assertEquals(2, plan.upToDate());
        assertEquals(List.of(new FleetPlan.Pending("node-20", R + "node-20", "base x is younger than platform.minBaseAge=1d",
                "2026-12-03T08:00:00Z")), plan.pending());
        assertTrue(plan.summary().endsWith("2 up to date (1 of them with a base change pending: platform.minBaseAge)"), plan.summary());
        JsonNode json = JSON.readTree(plan.json());
        assertEquals("2026-12-03T08:00:00Z", json.path("pending").get(0).path("until").asText());
        assertTrue(plan.markdown().contains("| `node-20` |"), plan.markdown());
    }

    @Test
    void basesOutsideTheReactorAndItselfAreIgnored() {
        FleetPlan plan = FleetPlan.of(List.of(upToDate("a", R + "a", "docker.io/library/debian")), false, NOW);
        assertEquals(0, plan.due());
    }

    @Test
    void theOutputsCarryEachWaveAsAMatrix() throws Exception {
        FleetPlan plan = FleetPlan.of(List.of(due("python-3.12", "BASE_CHANGED"), upToDate("python-app", R + "python-3.12")),
                false, NOW);
        Map<String, String> github = plan.githubOutputs(4);
        assertEquals(List.of("due", "waves", "wave1", "wave2", "wave3", "wave4"), List.copyOf(github.keySet()));
        assertEquals("2", github.get("due"));
        JsonNode wave2 = JSON.readTree(github.get("wave2"));
        assertEquals(1, wave2.size());
        assertEquals("python-app", wave2.get(0).path("folder").asText());
        assertEquals("8.0-1.2.4", wave2.get(0).path("version").asText());
        assertEquals("[]", github.get("wave3"));

        JsonNode azure1 = JSON.readTree(plan.azureVariables(1).get("wave1"));
        assertEquals("python-3.12", azure1.path("python_3_12").path("folder").asText());

        JsonNode json = JSON.readTree(plan.json());
        assertEquals(2, json.path("due").asInt());
        assertEquals(2, json.path("images").asInt());
        assertEquals("2026-12-02T08:00:00Z", json.path("createdAt").asText());
        assertEquals("python-3.12", json.path("waves").get(0).get(0).path("folder").asText());
        assertEquals("python-3.12", json.path("waves").get(1).get(0).path("after").get(0).asText());
        String markdown = plan.markdown();
        assertTrue(markdown.contains("| 2 | `python-app` |"), markdown);
    }

    @Test
    void aMultiArchImageCarriesItsPlatformsForTheAgentsThatBuildIt() throws Exception {
        PlanRow multi = new PlanRow("node-22", R + "node-22", "BASE_CHANGED", "base moved", "22-1.0.0", "22-1.0.1", "22-1.0.1",
                List.of(), List.of("linux/amd64", "linux/arm64"), null, null, null);
        FleetPlan plan = FleetPlan.of(List.of(multi, due("python-3.12", "BASE_CHANGED")), false, NOW);
        JsonNode wave1 = JSON.readTree(plan.githubOutputs(1).get("wave1"));
        assertEquals("[\"linux/amd64\",\"linux/arm64\"]", wave1.get(0).path("platforms").toString());
        assertEquals("[]", wave1.get(1).path("platforms").toString(), "one machine releases it");
        Map<String, String> azure = plan.azureVariables(1);
        assertEquals("python-3.12", JSON.readTree(azure.get("wave1")).path("python_3_12").path("folder").asText());
        assertTrue(JSON.readTree(azure.get("wave1")).path("node_22").isMissingNode(), azure.toString());
        JsonNode agents = JSON.readTree(azure.get("wave1_multi"));
        assertEquals("linux/amd64,linux/arm64", agents.path("node_22").path("platforms").asText());
        assertEquals(1, agents.size());
    }

    @Test
    void azureLegNamesAreLettersDigitsAndUnderscoresStartingWithALetterAndUnique() {
        Set<String> taken = new HashSet<>();
        assertEquals("python_3_12", FleetPlan.legName("python-3.12", taken));
        assertEquals("image_3rd_party", FleetPlan.legName("3rd-party", taken));
        assertEquals("a_b", FleetPlan.legName("a-b", taken));
        assertEquals("a_b_2", FleetPlan.legName("a_b", taken));
        assertEquals("dotnet_sdk", FleetPlan.legName("dotnet/sdk", taken));
    }

    @Test
    void azureCommandsAndGithubOutputsAreOneLineEach() throws Exception {
        String commands = PlanFiles.azureCommands(Map.of("wave1", "{\"a\":{\"folder\":\"a\"}}"));
        assertEquals("##vso[task.setvariable variable=wave1;isOutput=true]{\"a\":{\"folder\":\"a\"}}\n", commands);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("github-output", "");
        java.nio.file.Files.writeString(file, "earlier=1\n");
        PlanFiles.appendGithubOutputs(new java.util.LinkedHashMap<>(Map.of("due", "1")), file);
        assertEquals("earlier=1\ndue=1\n", java.nio.file.Files.readString(file));
    }
}
