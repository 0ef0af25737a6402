package dev.platformimages.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusReportTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String BASE = "mcr.microsoft.com/dotnet/runtime:8.0";
    private static final String A = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String B = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private final StatusReport report = new StatusReport(List.of(
            new StatusRow("r.example/platform/runtime", "8.0-1.3.0", "2026-11-20T12:00:00Z", Map.of(BASE, A), Map.of(BASE, A),
                    "UP_TO_DATE", "8.0-1.3.0 was built from the same definition", null),
            new StatusRow("r.example/platform/aspnet", "8.0-1.1.2", "2026-11-23T07:00:00Z", Map.of(BASE, A), Map.of(BASE, B),
                    "BASE_CHANGED", "base changed: 8.0-1.1.2 -> 8.0-1.1.3", null),
            new StatusRow("r.example/platform/sdk", null, null, Map.of(), Map.of(), null, null, "cannot reach registry r.example")),
            NOW);

    @Test
    void aTableForTheLogWithAlignedColumns() {
        List<String> table = report.table();
        assertEquals(4, table.size());
        int decision = table.get(0).indexOf("DECISION");
        assertEquals(List.of("DECISION", "UP_TO_DATE", "BASE_CHANGED", "ERROR: cannot reach registry r.example"),
                table.stream().map(line -> line.substring(decision)).toList());
        int bases = table.get(0).indexOf("BASES (published -> now)");
        assertTrue(table.get(1).substring(bases).startsWith("mcr.microsoft.com/dotnet/runtime:8.0 sha256:aaaaaaaaaaaa (same)"));
        assertTrue(table.get(2).substring(bases).startsWith(
                "mcr.microsoft.com/dotnet/runtime:8.0 sha256:aaaaaaaaaaaa -> sha256:bbbbbbbbbbbb"));
        assertTrue(table.get(2).startsWith("r.example/platform/aspnet   8.0-1.1.2  5 h  "), table.get(2));
        assertTrue(table.get(3).startsWith("r.example/platform/sdk      -          -    -   "), table.get(3));
    }

    @Test
    void markdownForAJobSummary() {
        String md = report.markdown();
        assertTrue(md.startsWith("### Platform images\n\n3 image(s): 1 up to date, 1 due for a release, 1 could not be checked.\n"), md);
        assertTrue(md.contains("| `r.example/platform/aspnet` | `8.0-1.1.2` | 5 h | mcr.microsoft.com/dotnet/runtime:8.0 "
                + "sha256:aaaaaaaaaaaa -> sha256:bbbbbbbbbbbb | 🔄 **BASE_CHANGED**: base changed: 8.0-1.1.2 -> 8.0-1.1.3 |"), md);
        assertTrue(md.contains("| `r.example/platform/sdk` | — | - | — | ❌ cannot reach registry r.example |"), md);
    }

    @Test
    void jsonWithFullDigestsAndAges() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report.json());
        assertEquals("2026-11-23T12:00:00Z", json.get("checkedAt").asText());
        JsonNode aspnet = json.get("images").get(1);
        assertEquals(18_000, aspnet.get("ageSeconds").asLong());
        assertEquals(A, aspnet.get("bases").get(BASE).get("published").asText());
        assertEquals(B, aspnet.get("bases").get(BASE).get("now").asText());
        assertTrue(json.get("images").get(2).get("ageSeconds").isNull());
        assertEquals("cannot reach registry r.example", json.get("images").get(2).get("error").asText());
    }

    @Test
    void aPendingImageIsNeitherUpToDateNorDueAndTheTrackReportIsShown() throws Exception {
        StatusReport pending = new StatusReport(List.of(new StatusRow("r.example/platform/node-20", "20-1.0.0",
                "2026-11-20T12:00:00Z", Map.of(BASE, A), Map.of(BASE, B), StatusRow.PENDING,
                "base changed, younger than platform.minBaseAge=1d", null, List.of(), false, null, null,
                List.of("docker.io/library/node:22-bookworm-slim is a newer track than the 20-bookworm-slim followed"))), NOW);
        String markdown = pending.markdown();
        assertTrue(markdown.contains("1 image(s): 0 up to date, 0 due for a release, 1 pending (platform.minBaseAge)"), markdown);
        assertTrue(markdown.contains("⏳ **PENDING**"), markdown);
        assertTrue(markdown.contains("<br>Track: docker.io/library/node:22-bookworm-slim is a newer track"), markdown);
        JsonNode image = new ObjectMapper().readTree(pending.json()).get("images").get(0);
        assertEquals("PENDING", image.get("decision").asText());
        assertEquals("docker.io/library/node:22-bookworm-slim is a newer track than the 20-bookworm-slim followed",
                image.get("tracks").get(0).asText());
    }

    @Test
    void agesInTheLargestUnit() {
        assertEquals("12 min", report.age("2026-11-23T11:48:00Z"));
        assertEquals("-", report.age("yesterday"));
    }
}
