package dev.platformimages.step;

import dev.platformimages.decision.UpdateReason;
import dev.platformimages.image.ImageLabels;
import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.HttpRegistryClient;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.MediaTypes;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** platform.minBaseAge through the check: a registry whose new upstream image was built in the recent or the far past. */
class MinBaseAgeCheckTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final String UPSTREAM = "registry.example.com/upstream/node";
    private static final ReleaseTarget TARGET = new ReleaseTarget("registry.example.com", "platform/node-20", "20", List.of());

    @TempDir
    Path dir;
    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final RecordingLog log = new RecordingLog();

    /** Puts an image whose config has {@code labels} and {@code created} under {@code repository:tag}; its digest. */
    private String image(String repository, String tag, String created, Map<String, String> labels) {
        StringBuilder labelJson = new StringBuilder("{");
        labels.forEach((k, v) -> labelJson.append(labelJson.length() > 1 ? "," : "").append('"').append(k).append("\":\"")
                .append(v.replace("\"", "\\\"")).append('"'));
        byte[] config = ("{\"os\":\"linux\",\"architecture\":\"" + HostPlatform.current().split("/")[1] + "\""
                + (created == null ? "" : ",\"created\":\"" + created + "\"") + ",\"config\":{\"Labels\":" + labelJson + "}}}")
                .getBytes(StandardCharsets.UTF_8);
        String configDigest = registry.putBlob(ImageReference.of("registry.example.com", repository, null), config);
        byte[] body = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length
                + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
        Manifest manifest = new Manifest(body, MediaTypes.OCI_MANIFEST, HttpRegistryClient.sha256(body));
        registry.put(repository, tag, manifest, configDigest);
        return manifest.digest();
    }

    /** node-20 1.0.0 published from the upstream as it was, then the upstream republished, built at {@code created}. */
    private ImageDefinition fleet(String created) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM " + UPSTREAM + ":20\nUSER 1000\n");
        ImageDefinition definition = new ImageDefinition(dir.resolve("Dockerfile"), dir, Set.of(), Map.of());
        String old = image("upstream/node", "20", "2026-11-01T00:00:00Z", Map.of());
        Map<String, String> bases = Map.of(UPSTREAM + ":20", old);
        Map<String, String> labels = Map.of(ImageLabels.DEFINITION_HASH, definition.definitionHash(), ImageLabels.BASES,
                ImageLabels.encodeBases(bases), ImageLabels.BASES_PLATFORM, ImageLabels.encodeBases(bases), ImageLabels.VERSION, "1.0.0");
        for (String tag : List.of("20-1.0.0", "latest", "20")) {
            image("platform/node-20", tag, "2026-11-01T01:00:00Z", labels);
        }
        image("upstream/node", "20", created, Map.of());
        return definition;
    }

    private ReleaseState check(ImageDefinition definition, String minAge, boolean force) {
        return new UpdateChecker(registry, log).withMinBaseAge(Duration.parse(minAge), Clock.fixed(NOW, ZoneOffset.UTC))
                .check(definition, TARGET, force, null);
    }

    @Test
    void aBaseBuiltInTheRecentPastIsPendingUntilItIsOldEnough() throws Exception {
        ReleaseState state = check(fleet("2026-12-02T09:00:00Z"), "PT24H", false);
        assertEquals(UpdateReason.UP_TO_DATE, state.reason);
        assertNull(state.versionTag);
        assertEquals("2026-12-03T09:00:00Z", state.pendingUntil);
        assertTrue(state.pending.startsWith("base " + UPSTREAM + ":20 changed to sha256:"), state.pending);
        assertTrue(state.pending.endsWith(", built 2026-12-02T09:00:00Z (3h ago): younger than platform.minBaseAge=1d, so it is "
                + "taken from 2026-12-03T09:00:00Z (in 21h); -Dplatform.force=true takes it now"), state.pending);
        assertEquals(state.pending, state.explanation);
    }

    @Test
    void aBaseBuiltInThePastIsTaken() throws Exception {
        ReleaseState state = check(fleet("2026-11-30T09:00:00Z"), "PT24H", false);
        assertEquals(UpdateReason.BASE_CHANGED, state.reason);
        assertEquals("20-1.0.1", state.versionTag);
        assertNull(state.pending);
    }

    @Test
    void forceTakesAYoungBaseNow() throws Exception {
        ReleaseState state = check(fleet("2026-12-02T11:00:00Z"), "PT24H", true);
        assertEquals(UpdateReason.FORCED, state.reason);
        assertNull(state.pending);
    }

    @Test
    void aBaseWhoseBuildTimeIsAPlaceholderIsTakenWithANote() throws Exception {
        ReleaseState state = check(fleet("1970-01-01T00:00:00Z"), "PT24H", false);
        assertEquals(UpdateReason.BASE_CHANGED, state.reason);
        assertTrue(log.lines.stream().anyMatch(l -> l.contains("cannot be told (its config's created time is 1970-01-01T00:00:00Z)")),
                log.lines::toString);
    }

    @Test
    void withoutAMinimumAgeTheChangeIsTakenAtOnce() throws Exception {
        assertEquals(UpdateReason.BASE_CHANGED, check(fleet("2026-12-02T11:59:00Z"), "PT0S", false).reason);
    }
}
