package dev.platformimages.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platformimages.clock.Sleeper;
import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.HttpRegistryClient;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.MediaTypes;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseTags;
import dev.platformimages.release.RunOwner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One version, one release, on a registry without compare-and-set. Before it writes a version tag, a build puts a
 * claim of its own ({@code claim-{version}-{run}}, a manifest unique to the run, beside its draft) and, once that
 * write has returned, lists the claims of the version: it goes on only when no other live claim is there. Two
 * builds cannot both go on: the later of the two claim writes completes after the earlier one, and its listing
 * (made after it) sees the earlier claim. Builds that see each other both step back, wait a random time scaled by
 * how long the registry took to write (the range doubling each round), and try again, so one of them goes on; a
 * build that then finds the version published fails naming its digest. A claim is deleted when its build is done
 * with it; one left by a build that stopped (killed, or the registry went away before the claim could go) is
 * ignored and deleted once its process is known to be gone on this host, or after {@link #TTL} from any other host.
 */
public final class VersionClaims {

    public static final String PREFIX = ReleaseTags.CLAIM_PREFIX;
    /** How long a claim holds: far longer than writing a version tag and the floating tags takes. */
    static final Duration TTL = Duration.ofMinutes(10);
    static final int ROUNDS = 6;
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(60);
    static final String RUN = "dev.platformimages.claim.run";
    static final String HOST = RunOwner.HOST;
    static final String EXPIRES = "dev.platformimages.claim.expires";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A claim this build holds. */
    public record Claim(ImageReference tagged, String digest) {
    }

    private final RegistryClient registry;
    private final ReleaseLog log;
    private final Sleeper sleeper;
    private final Clock clock;

    public VersionClaims(RegistryClient registry, ReleaseLog log) {
        this(registry, log, Sleeper.REAL, Clock.systemUTC());
    }

    VersionClaims(RegistryClient registry, ReleaseLog log, Sleeper sleeper, Clock clock) {
        this.registry = registry;
        this.log = log;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /**
     * Claims {@code state}'s version for this build, the claim made from its tested {@code draft}.
     *
     * @throws ReleaseFailure when another build published the version meanwhile (naming its digest), or kept
     *                        claiming it through every round
     */
    public Claim claim(ReleaseState state, Manifest draft) {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ImageReference versionRef = ImageReference.of(state.registry, state.repository, state.versionTag);
        ImageReference mine = ImageReference.of(state.registry, state.draftRepository, PREFIX + state.version + "-" + run);
        List<String> rivals = List.of();
        for (int round = 1; round <= ROUNDS; round++) {
            Manifest claim = claimManifest(draft, run);
            long started = System.nanoTime();
            registry.putManifest(mine, claim);
            Duration write = Duration.ofNanos(System.nanoTime() - started);
            rivals = liveRivals(state, mine.tag());
            if (rivals.isEmpty()) {
                return new Claim(mine, claim.digest());
            }
            release(new Claim(mine, claim.digest()));
            publishedMeanwhile(versionRef, state);
            long base = Math.max(200, write.toMillis());
            long longest = Math.min(LONGEST_WAIT.toMillis(), base << round);
            Duration wait = Duration.ofMillis(ThreadLocalRandom.current().nextLong(base / 2, Math.max(base / 2 + 1, longest)));
            log.info("Another build claims " + state.versionTag + " too (" + String.join(", ", rivals) + "): stepping back "
                    + wait.toMillis() + " ms (round " + round + " of " + ROUNDS + ")");
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReleaseFailure("interrupted while waiting to claim " + versionRef);
            }
            publishedMeanwhile(versionRef, state);
        }
        throw new ReleaseFailure(versionRef + " is claimed by other builds at the same time (" + String.join(", ", rivals)
                + ") through " + ROUNDS + " rounds: this build's image was not published and no floating tag moved. "
                + "Run the build again: it publishes the next version");
    }

    /** Deletes the claim; best effort (an expired claim is ignored by everyone). */
    public void release(Claim claim) {
        try {
            if (registry.deletesTagsAlone()) {
                registry.deleteTag(claim.tagged());
            } else {
                registry.deleteManifest(claim.tagged().withDigest(claim.digest()));
            }
        } catch (RegistryException e) {
            log.warn("Claim " + claim.tagged() + " stays until it expires: " + e.getMessage());
        }
    }

    private void publishedMeanwhile(ImageReference versionRef, ReleaseState state) {
        registry.head(versionRef).ifPresent(head -> {
            throw new ReleaseFailure(versionRef + " was published by another build at the same time (" + head.digest()
                    + "); this build's image (" + state.draftDigest + ") was not published and no floating tag moved");
        });
    }

    /** The other live claims of the version, as {@code run on host}; expired claims of any version are deleted. */
    private List<String> liveRivals(ReleaseState state, String mine) {
        List<String> rivals = new ArrayList<>();
        String ofVersion = PREFIX + state.version + "-";
        for (String tag : registry.tags(state.registry, state.draftRepository)) {
            if (!tag.startsWith(PREFIX) || tag.equals(mine)) {
                continue;
            }
            ImageReference other = ImageReference.of(state.registry, state.draftRepository, tag);
            Optional<Manifest> manifest;
            try {
                manifest = registry.manifest(other);
            } catch (RegistryException e) {
                manifest = Optional.empty();
            }
            if (manifest.isEmpty()) {
                continue; // released meanwhile
            }
            JsonNode annotations = read(manifest.get()).path("annotations");
            Optional<Instant> expires = instant(annotations.path(EXPIRES).asText(null));
            Map<String, String> owner = new HashMap<>();
            annotations.fields().forEachRemaining(f -> owner.put(f.getKey(), f.getValue().asText()));
            boolean gone = RunOwner.from(owner).map(RunOwner::isGone).orElse(false);
            if (expires.isEmpty() || expires.get().isBefore(clock.instant()) || gone) {
                log.info("Deleting the claim " + tag + " of a build that stopped (" + (gone ? "its process is gone" : "expired") + ")");
                release(new Claim(other, manifest.get().digest()));
                continue;
            }
            if (tag.startsWith(ofVersion)) {
                rivals.add("run " + annotations.path(RUN).asText("?") + " on " + annotations.path(HOST).asText("?"));
            }
        }
        return rivals;
    }

    /**
     * A manifest unique to this claim: the draft's (its config and layers, or its platform manifests, all present in
     * the draft repository) as OCI, with the claim's annotations.
     */
    Manifest claimManifest(Manifest draft, String run) {
        JsonNode source = read(draft);
        ObjectNode claim = JSON.createObjectNode().put("schemaVersion", 2);
        String mediaType;
        if (MediaTypes.isIndex(draft.mediaType())) {
            mediaType = MediaTypes.OCI_INDEX;
            claim.put("mediaType", mediaType);
            claim.set("manifests", source.path("manifests").deepCopy());
        } else {
            mediaType = MediaTypes.OCI_MANIFEST;
            claim.put("mediaType", mediaType);
            claim.set("config", source.path("config").deepCopy());
            claim.set("layers", source.path("layers").deepCopy());
        }
        ObjectNode annotations = claim.putObject("annotations").put(RUN, run);
        RunOwner.current().asLabels().forEach(annotations::put);
        annotations.put(EXPIRES, clock.instant().plus(TTL).toString());
        byte[] body = claim.toString().getBytes(StandardCharsets.UTF_8);
        return new Manifest(body, mediaType, HttpRegistryClient.sha256(body));
    }

    private static JsonNode read(Manifest manifest) {
        try {
            return JSON.readTree(manifest.body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Optional<Instant> instant(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
