package dev.platformimages.step;

import dev.platformimages.decision.UpdateReason;
import dev.platformimages.image.ImageLabels;
import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.HttpRegistryClient;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.ManifestHead;
import dev.platformimages.registry.MediaTypes;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reactor's read-ahead: the same decisions as reading live, fewer requests, reads in parallel. */
class RegistryReadAheadTest {

    private static final String REGISTRY = "127.0.0.1:5000";

    @TempDir
    Path dir;

    /** A registry of upstream tags and published images, safe for several threads; logs every request. */
    private static final class FleetRegistry implements RegistryClient {
        final Map<String, String> heads = new HashMap<>();
        final Map<String, Manifest> manifests = new HashMap<>();
        final Map<String, byte[]> blobs = new HashMap<>();
        final Map<String, List<String>> tags = new HashMap<>();
        final List<String> requests = Collections.synchronizedList(new ArrayList<>());
        /** Run before each HEAD, on the requesting thread. */
        volatile Function<ImageReference, Optional<RuntimeException>> beforeHead = ref -> Optional.empty();

        @Override
        public Optional<ManifestHead> head(ImageReference reference) {
            requests.add("HEAD " + reference);
            beforeHead.apply(reference).ifPresent(e -> {
                throw e;
            });
            Manifest manifest = manifests.get(reference.toString());
            if (manifest != null) {
                return Optional.of(new ManifestHead(manifest.digest(), manifest.mediaType()));
            }
            return Optional.ofNullable(heads.get(reference.toString())).map(d -> new ManifestHead(d, MediaTypes.OCI_MANIFEST));
        }

        @Override
        public Optional<Manifest> manifest(ImageReference reference) {
            requests.add("GET " + reference);
            return Optional.ofNullable(manifests.get(reference.toString()));
        }

        @Override
        public byte[] blob(ImageReference repository, String digest) {
            requests.add("BLOB " + repository.name() + "@" + digest);
            return blobs.get(digest);
        }

        @Override
        public List<String> tags(String registry, String repository) {
            requests.add("TAGS " + repository);
            return tags.getOrDefault(repository, List.of());
        }

        @Override
        public String putManifest(ImageReference target, Manifest manifest) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void copyBlob(ImageReference target, String digest, String fromRepository) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteManifest(ImageReference reference) {
            throw new UnsupportedOperationException();
        }

        /** Publishes version 1.0.0 of {@code repository} (with latest and the tag on it), built on these bases. */
        void publish(String repository, String definitionHash, Map<String, String> bases) {
            String config = "{\"os\":\"linux\",\"architecture\":\"amd64\",\"config\":{\"Labels\":{\""
                    + ImageLabels.DEFINITION_HASH + "\":\"" + definitionHash + "\",\"" + ImageLabels.BASES + "\":\""
                    + ImageLabels.encodeBases(bases) + "\",\"" + ImageLabels.BASES_PLATFORM + "\":\""
                    + ImageLabels.encodeBases(bases) + "\",\"" + ImageLabels.VERSION + "\":\"1.0.0\"}}}";
            byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
            String configDigest = HttpRegistryClient.sha256(configBytes);
            blobs.put(configDigest, configBytes);
            byte[] body = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                    + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
                    + configBytes.length + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
            Manifest manifest = new Manifest(body, MediaTypes.OCI_MANIFEST, HttpRegistryClient.sha256(body));
            for (String tag : List.of("fleet-1.0.0", "fleet", "latest")) {
                manifests.put(REGISTRY + "/" + repository + ":" + tag, manifest);
            }
            tags.put(repository, List.of("fleet-1.0.0", "fleet", "latest"));
        }
    }

    private ImageDefinition definition(String name, String from) throws Exception {
        Path context = Files.createDirectories(dir.resolve(name));
        Files.writeString(context.resolve("Dockerfile"), "FROM " + from + "\nUSER 1000\n");
        return new ImageDefinition(context.resolve("Dockerfile"), context, Set.of(), Map.of());
    }

    private static ReleaseTarget target(String name) {
        return new ReleaseTarget(REGISTRY, "platform/" + name, "fleet", List.of());
    }

    private static RegistryReadAhead.Plan plan(String name, String... bases) {
        return new RegistryReadAhead.Plan(name, java.util.Arrays.stream(bases).map(ImageReference::parse).toList(), target(name));
    }

    private static ReleaseState check(RegistryClient client, ImageDefinition definition, String name) {
        return new UpdateChecker(client, new RecordingLog()).check(definition, target(name), false, null);
    }

    /** Three images: one up to date, one whose base moved, one never published. */
    private FleetRegistry fleet() throws Exception {
        FleetRegistry registry = new FleetRegistry();
        registry.heads.put(REGISTRY + "/upstream/base:1", "sha256:" + "1".repeat(64));
        registry.heads.put(REGISTRY + "/upstream/other:1", "sha256:" + "2".repeat(64));
        registry.publish("platform/steady", definition("steady", REGISTRY + "/upstream/base:1").definitionHash(),
                Map.of(REGISTRY + "/upstream/base:1", "sha256:" + "1".repeat(64)));
        registry.publish("platform/moved", definition("moved", REGISTRY + "/upstream/other:1").definitionHash(),
                Map.of(REGISTRY + "/upstream/other:1", "sha256:" + "0".repeat(64)));
        return registry;
    }

    @Test
    void decidesAsTheLiveChecksDoWithOneHeadPerDistinctBase() throws Exception {
        FleetRegistry live = fleet();
        Map<String, ReleaseState> direct = new HashMap<>();
        for (String[] image : new String[][] {{"steady", "upstream/base:1"}, {"moved", "upstream/other:1"}, {"fresh", "upstream/base:1"}}) {
            direct.put(image[0], check(live, definition(image[0], REGISTRY + "/" + image[1]), image[0]));
        }
        assertEquals(UpdateReason.UP_TO_DATE, direct.get("steady").reason);
        assertEquals(UpdateReason.BASE_CHANGED, direct.get("moved").reason);
        assertEquals(UpdateReason.FIRST_VERSION, direct.get("fresh").reason);

        FleetRegistry ahead = fleet();
        RegistryReadAhead readAhead = RegistryReadAhead.start(List.of(plan("steady", REGISTRY + "/upstream/base:1"),
                plan("moved", REGISTRY + "/upstream/other:1"), plan("fresh", REGISTRY + "/upstream/base:1")), ahead, 3);
        FleetRegistry unused = new FleetRegistry(); // answers nothing: every read must come from the read-ahead
        for (String[] image : new String[][] {{"steady", "upstream/base:1"}, {"moved", "upstream/other:1"}, {"fresh", "upstream/base:1"}}) {
            RegistryReadAhead.ReadAheadClient client = readAhead.forImage(image[0], unused);
            ReleaseState state = check(client, definition(image[0], REGISTRY + "/" + image[1]), image[0]);
            ReleaseState expected = direct.get(image[0]);
            assertEquals(expected.reason, state.reason, image[0]);
            assertEquals(expected.versionTag, state.versionTag, image[0]);
            assertEquals(expected.baseDigests, state.baseDigests, image[0]);
            assertEquals(expected.previousVersionTag, state.previousVersionTag, image[0]);
            assertTrue(client.answered() > 0, image[0]);
        }
        assertEquals(List.of(), unused.requests, "the checks asked the registry themselves");
        assertEquals(1, ahead.requests.stream().filter(r -> r.equals("HEAD " + REGISTRY + "/upstream/base:1")).count(),
                ahead.requests::toString);
        List<String> extra = new ArrayList<>(ahead.requests);
        live.requests.forEach(extra::remove);
        List<String> missing = new ArrayList<>(live.requests);
        ahead.requests.forEach(missing::remove);
        // The image the last floating tag (the image's own tag) points at is the newest version: read once, for both.
        assertEquals(List.of(), extra);
        List<String> steady = live.requests.stream().filter(r -> r.contains("platform/steady")).toList();
        assertEquals(3, steady.size(), "tags, the floating tag's manifest and its config: " + steady);
        assertEquals(List.of("TAGS platform/steady", "GET " + REGISTRY + "/platform/steady:fleet"), steady.subList(0, 2));
        assertEquals(List.of("HEAD " + REGISTRY + "/upstream/base:1"), missing, "the base two images share is read once");
    }

    @Test
    void readsForSeveralImagesAtOnce() throws Exception {
        FleetRegistry registry = fleet();
        for (int i = 1; i <= 3; i++) {
            registry.heads.put(REGISTRY + "/upstream/base-" + i + ":1", "sha256:" + String.valueOf(i).repeat(64));
        }
        CountDownLatch allInFlight = new CountDownLatch(3);
        List<String> notConcurrent = Collections.synchronizedList(new ArrayList<>());
        registry.beforeHead = ref -> {
            if (ref.repository().startsWith("upstream/base-")) {
                allInFlight.countDown();
                try {
                    if (!allInFlight.await(10, TimeUnit.SECONDS)) {
                        notConcurrent.add(ref.toString());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Optional.empty();
        };
        RegistryReadAhead readAhead = RegistryReadAhead.start(List.of(plan("a", REGISTRY + "/upstream/base-1:1"),
                plan("b", REGISTRY + "/upstream/base-2:1"), plan("c", REGISTRY + "/upstream/base-3:1")), registry, 3);
        for (String image : List.of("a", "b", "c")) {
            readAhead.forImage(image, registry);
        }
        assertEquals(List.of(), notConcurrent, "HEADs that waited in vain for the others to be in flight");
    }

    @Test
    void eachAnswerIsTakenOnceAndAFailedReadIsMadeAgainByTheCheck() throws Exception {
        FleetRegistry registry = fleet();
        registry.beforeHead = ref -> ref.repository().equals("upstream/other")
                ? Optional.of(new RegistryException("connection reset")) : Optional.empty();
        RegistryReadAhead readAhead = RegistryReadAhead.start(List.of(plan("steady", REGISTRY + "/upstream/base:1"),
                plan("moved", REGISTRY + "/upstream/other:1")), registry, 2);
        RegistryReadAhead.ReadAheadClient steady = readAhead.forImage("steady", registry);
        // Both images' reads are done before counting (the pool has two threads).
        RegistryReadAhead.ReadAheadClient moved = readAhead.forImage("moved", registry);
        int before = registry.requests.size();
        ImageReference base = ImageReference.parse(REGISTRY + "/upstream/base:1");
        assertTrue(steady.head(base).isPresent());
        assertEquals(before, registry.requests.size(), "the first HEAD was read ahead");
        assertTrue(steady.head(base).isPresent());
        assertEquals(before + 1, registry.requests.size(), "the second HEAD goes to the registry");
        assertEquals(1, steady.answered());

        RegistryException error = assertThrows(RegistryException.class,
                () -> moved.head(ImageReference.parse(REGISTRY + "/upstream/other:1")));
        assertEquals("connection reset", error.getMessage());
        assertEquals(0, moved.answered());
        assertEquals(2, registry.requests.stream().filter(r -> r.equals("HEAD " + REGISTRY + "/upstream/other:1")).count(),
                "once ahead, once by the check itself");
    }

    @Test
    void anImageNotPlannedReadsLive() throws Exception {
        FleetRegistry registry = fleet();
        RegistryReadAhead readAhead = RegistryReadAhead.start(List.of(plan("steady", REGISTRY + "/upstream/base:1")), registry, 1);
        assertFalse(readAhead.images().contains("moved"));
        readAhead.forImage("steady", registry); // waits for the reads ahead, so that none is counted below
        RegistryReadAhead.ReadAheadClient moved = readAhead.forImage("moved", registry);
        int before = registry.requests.size();
        moved.tags(REGISTRY, "platform/moved");
        assertEquals(before + 1, registry.requests.size());
        assertEquals(0, moved.requestsAhead());
    }
}
