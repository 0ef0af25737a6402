package dev.platformimages.step;

import dev.platformimages.decision.UpstreamTrack;
import dev.platformimages.image.ImageReference;
import dev.platformimages.image.Platforms;
import dev.platformimages.registry.PublishedImages;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.ReleaseState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * For status and plan: the upstream tracks an image follows, reported without acting on them ({@link UpstreamTrack}):
 * a newer track of the same shape in the upstream repository, and a followed tag that has not moved for longer than
 * platform.staleBaseAge. Tag lists are read with every page ({@code Link}, {@code n}/{@code last}) and, like build
 * times, once per upstream repository and run (the caches are the build's); a registry that cannot list its tags is a
 * line of the report, not a failure.
 */
public final class UpstreamTracks {

    private final RegistryClient registry;
    private final Map<String, List<String>> tagsByRepository;
    private final Map<String, Optional<Instant>> createdByImage;
    private final Duration staleAfter;
    private final Clock clock;

    /**
     * @param tagsByRepository the build's cache of tag lists, by registry/repository
     * @param createdByImage   the build's cache of build times, by image reference with digest
     * @param staleAfter       platform.staleBaseAge; zero reports no stale track
     */
    public UpstreamTracks(RegistryClient registry, Map<String, List<String>> tagsByRepository,
                          Map<String, Optional<Instant>> createdByImage, Duration staleAfter, Clock clock) {
        this.registry = registry;
        this.tagsByRepository = tagsByRepository;
        this.createdByImage = createdByImage;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    /** A line per finding about the upstream bases {@code state} resolved; empty when there is nothing to say. */
    public List<String> report(ReleaseState state) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> base : state.baseDigests.entrySet()) {
            ImageReference reference;
            try {
                reference = ImageReference.parse(base.getKey());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (reference.tag() == null || reference.digest() != null || base.getValue().startsWith("date:")) {
                continue; // pinned by digest, or the MCR catalog's date: no track to follow
            }
            ImageReference readFrom = ImageReference.parse(state.baseMirrors.getOrDefault(base.getKey(), base.getKey()));
            String repository = readFrom.registry() + "/" + readFrom.repository();
            List<String> tags;
            try {
                tags = tagsByRepository.computeIfAbsent(repository, r -> registry.tags(readFrom.registry(), readFrom.repository()));
            } catch (RegistryException e) {
                lines.add("the tags of " + reference.name() + " could not be listed: " + e.getMessage());
                tags = List.of();
            }
            UpstreamTrack.newerTrack(reference.tag(), tags).ifPresent(newer -> lines.add(reference.name() + ":" + newer
                    + " is a newer track than the " + reference.tag() + " followed"));
            if (!staleAfter.isZero()) {
                String platformDigest = state.basePlatformDigests.getOrDefault(base.getKey(), base.getValue());
                Map<String, String> perPlatform = Platforms.decode(platformDigest);
                String digest = perPlatform.isEmpty() ? platformDigest : perPlatform.values().iterator().next();
                created(readFrom.withDigest(digest)).flatMap(at -> UpstreamTrack.stale(base.getKey(), at, clock.instant(), staleAfter))
                        .ifPresent(lines::add);
            }
        }
        return lines;
    }

    private Optional<Instant> created(ImageReference image) {
        return createdByImage.computeIfAbsent(image.toString(), key -> {
            try {
                String text = new PublishedImages(registry).describe(image).created();
                return text == null ? Optional.empty() : Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (RegistryException | DateTimeParseException e) {
                return Optional.empty(); // no age, nothing to say: the check itself reports a registry that fails
            }
        });
    }
}
