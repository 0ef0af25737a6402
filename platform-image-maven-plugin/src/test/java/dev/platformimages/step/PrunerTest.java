package dev.platformimages.step;

import dev.platformimages.registry.Manifest;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrunerTest {

    private static final String REPO = "platform/busybox";
    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final RecordingLog log = new RecordingLog();
    private final ReleaseTarget target = new ReleaseTarget("127.0.0.1:5000", REPO, "1.35-stable", List.of());

    @BeforeEach
    void fiveVersionsWithTheFloatingTagsRolledBackToTheThird() {
        for (int minor = 0; minor < 5; minor++) {
            Manifest m = PublisherTest.manifest("sha256:cfg" + minor, "sha256:layer" + minor);
            registry.put(REPO, "1.35-stable-1." + minor + ".0", m, "sha256:cfg" + minor);
        }
        Manifest third = registry.manifests.get(REPO).get("sha256:m-cfg2");
        registry.put(REPO, "latest", third);
        registry.put(REPO, "1.35-stable", third);
    }

    private Pruner pruner() {
        return new Pruner(registry, log);
    }

    @Test
    void versionsBeyondTheNewestKGoExceptWhatAFloatingTagPointsAt() {
        Pruner.Result result = pruner().prune(target, 2, 7, false, Instant.now());
        assertEquals(List.of("1.35-stable-1.1.0", "1.35-stable-1.0.0"), result.deleted());
        assertEquals(List.of("1.35-stable-1.2.0 (a floating tag points at it)"), result.kept());
        assertEquals(Optional.empty(), registry.digest(REPO, "1.35-stable-1.0.0"));
        assertEquals(Optional.of("sha256:m-cfg2"), registry.digest(REPO, "1.35-stable-1.2.0"));
        assertEquals(Optional.of("sha256:m-cfg4"), registry.digest(REPO, "1.35-stable-1.4.0"));
    }

    @Test
    void aVersionPrunedTakesItsInventoryAndReferrersListWithItAndAKeptVersionKeepsTheirs() {
        dev.platformimages.registry.ReferrerStore store = new dev.platformimages.registry.ReferrerStore(registry);
        dev.platformimages.image.ImageReference repository = dev.platformimages.image.ImageReference.of("127.0.0.1:5000", REPO, null);
        Manifest oldest = registry.manifests.get(REPO).get("sha256:m-cfg0");
        Manifest newest = registry.manifests.get(REPO).get("sha256:m-cfg4");
        String oldInventory = store.attach(repository, oldest, "application/vnd.platformimages.inventory.v1+json",
                "application/vnd.platformimages.inventory.v1+json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Map.of());
        store.attach(repository, newest, "application/vnd.platformimages.inventory.v1+json",
                "application/vnd.platformimages.inventory.v1+json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Map.of());

        Pruner.Result result = pruner().prune(target, 2, 7, false, Instant.now());

        assertTrue(result.deleted().contains("1.35-stable-1.0.0"), result.toString());
        assertEquals(Optional.empty(), registry.digest(REPO, dev.platformimages.registry.Referrers.fallbackTag(oldest.digest())));
        assertTrue(registry.manifest(repository.withDigest(oldInventory)).isEmpty(), "the pruned version's inventory is gone");
        assertEquals(1, store.find(repository.withDigest(newest.digest()), "application/vnd.platformimages.inventory.v1+json").size(),
                "the kept version's inventory stays");
    }

    @Test
    void aVersionPrunedTakesCosignsSignatureAndAttestationsWithItAndAKeptVersionKeepsTheirs() {
        dev.platformimages.registry.ReferrerStore store = new dev.platformimages.registry.ReferrerStore(registry);
        dev.platformimages.image.ImageReference repository = dev.platformimages.image.ImageReference.of("127.0.0.1:5000", REPO, null);
        for (String digest : List.of("sha256:m-cfg0", "sha256:m-cfg4")) {
            for (String suffix : List.of("sig", "att")) {
                // As cosign's payloads do, each names its image: no two versions share a signature image.
                byte[] payload = ("{\"" + suffix + "\":\"" + digest + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                store.putCosignImage(repository, digest, suffix, List.of(new dev.platformimages.registry.ReferrerStore.Layer(
                        "application/vnd.dev.cosign.simplesigning.v1+json", payload, java.util.Map.of())));
            }
        }

        Pruner.Result result = pruner().prune(target, 2, 7, false, Instant.now());

        assertTrue(result.deleted().contains("1.35-stable-1.0.0"), result.toString());
        assertEquals(Optional.empty(), registry.digest(REPO, dev.platformimages.registry.Referrers.cosignTag("sha256:m-cfg0", "sig")));
        assertEquals(Optional.empty(), registry.digest(REPO, dev.platformimages.registry.Referrers.cosignTag("sha256:m-cfg0", "att")));
        assertTrue(registry.digest(REPO, dev.platformimages.registry.Referrers.cosignTag("sha256:m-cfg4", "sig")).isPresent());
        assertTrue(registry.digest(REPO, dev.platformimages.registry.Referrers.cosignTag("sha256:m-cfg4", "att")).isPresent());
    }

    @Test
    void aDryRunDeletesNothing() {
        Pruner.Result result = pruner().prune(target, 1, 7, true, Instant.now());
        assertEquals(List.of("1.35-stable-1.3.0", "1.35-stable-1.1.0", "1.35-stable-1.0.0"), result.deleted());
        assertTrue(registry.calls.stream().noneMatch(c -> c.startsWith("DELETE")), registry.calls::toString);
        assertTrue(log.messages().contains("Dry run: would delete 3 image(s); kept 1 that the rules protect"), log.lines::toString);
    }

    @Test
    void badRetentionSettingsAndARegistryWithoutDeletesAreClearErrors() {
        assertEquals("platform.prune.keepVersions is 0: keep at least 1 version",
                assertThrows(ReleaseFailure.class, () -> pruner().prune(target, 0, 7, false, Instant.now())).getMessage());
        assertEquals("platform.prune.draftDays is -1: use 0 or more days",
                assertThrows(ReleaseFailure.class, () -> pruner().prune(target, 1, -1, false, Instant.now())).getMessage());
        registry.refuseDeletes = true;
        assertTrue(assertThrows(ReleaseFailure.class, () -> pruner().prune(target, 4, 7, false, Instant.now())).getMessage()
                .contains("enable deletes in the registry"));
    }

    @Test
    void anImageThatATagOfSomeoneElsePointsAtIsKeptAndTheTagNamed() {
        Manifest second = registry.manifests.get(REPO).get("sha256:m-cfg1");
        registry.put(REPO, "prod", second);
        registry.put(REPO, "1.35-stable-1.0.0-rolled-back", registry.manifests.get(REPO).get("sha256:m-cfg0"));

        Pruner.Result dry = pruner().prune(target, 1, 7, true, Instant.now());
        assertEquals(List.of("1.35-stable-1.3.0", "1.35-stable-1.0.0"), dry.deleted());
        assertTrue(dry.kept().contains("1.35-stable-1.1.0 (tags this plugin does not manage point at it: prod)"), dry::toString);

        Pruner.Result real = pruner().prune(target, 1, 7, false, Instant.now());
        assertEquals(List.of("1.35-stable-1.3.0", "1.35-stable-1.0.0"), real.deleted(), "a rollback marker is the plugin's own");
        assertEquals(Optional.of("sha256:m-cfg1"), registry.digest(REPO, "prod"));
        assertEquals(Optional.of("sha256:m-cfg1"), registry.digest(REPO, "1.35-stable-1.1.0"));
        assertTrue(log.messages().contains("Keeping 127.0.0.1:5000/" + REPO + ":1.35-stable-1.1.0: tags this plugin does not "
                + "manage point at it: prod (platform.prune.deleteForeignTags=true deletes them with it)"), log.lines::toString);
    }

    @Test
    void deleteForeignTagsDeletesThemAndSaysWhich() {
        registry.put(REPO, "prod", registry.manifests.get(REPO).get("sha256:m-cfg1"));
        Pruner.Result result = pruner().prune(target, 1, 7, false, true, Instant.now());
        assertEquals(List.of("1.35-stable-1.3.0", "1.35-stable-1.1.0", "1.35-stable-1.0.0"), result.deleted());
        assertEquals(Optional.empty(), registry.digest(REPO, "prod"));
        assertTrue(log.messages().stream().anyMatch(m -> m.contains(":1.35-stable-1.1.0 (sha256:m-cfg1): beyond the newest 1 "
                + "versions; with it the tags this plugin does not manage: prod")), log.lines::toString);
    }

    @Test
    void ownershipIsVersionsFloatingTagsDraftsAndMarkers() {
        TagOwnership own = TagOwnership.of(new ReleaseTarget("127.0.0.1:5000", REPO, "1.35-stable", List.of("stable")));
        for (String tag : List.of("1.35-stable-1.2.3", "latest", "1.35-stable", "stable", "draft-1.2.3-abc",
                "1.35-stable-1.2.3-rolled-back")) {
            assertTrue(own.test(tag), tag);
        }
        for (String tag : List.of("prod", "1.35-stable-hotfix", "1.36-stable-1.0.0", "old-extra", "x-rolled-back")) {
            assertTrue(!own.test(tag), tag);
        }
        assertTrue(TagOwnership.drafts().test("draft-1.0.0-abc"));
        assertTrue(!TagOwnership.drafts().test("latest"));
    }
}
