package dev.platformimages.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What status and plan report about the upstream track an image follows, without acting on it: a newer track of the
 * same shape ({@code node:22-bookworm-slim} while {@code 20-bookworm-slim} is followed, {@code 9.0} while {@code 8.0}
 * is), and a followed tag that has not moved for long (a track that may be end of life). Pure.
 */
public final class UpstreamTrack {

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private UpstreamTrack() {
    }

    /**
     * The newest tag of {@code tags} with the same shape as {@code followed} (the same text around its numbers, the same
     * count of numbers) and higher numbers, compared number by number; empty when {@code followed} has no number or
     * nothing is higher. {@code 20-bookworm-slim} is not compared with {@code 20.1-bookworm-slim} or
     * {@code 22-trixie-slim} (other shapes: another kind of tag, another distribution).
     */
    public static Optional<String> newerTrack(String followed, Collection<String> tags) {
        String shape = shape(followed);
        List<Long> numbers = numbers(followed);
        if (numbers.isEmpty()) {
            return Optional.empty();
        }
        String best = null;
        List<Long> bestNumbers = numbers;
        for (String tag : tags) {
            if (!shape.equals(shape(tag))) {
                continue;
            }
            List<Long> candidate = numbers(tag);
            if (compare(candidate, bestNumbers) > 0 || (best != null && compare(candidate, bestNumbers) == 0 && tag.length() < best.length())) {
                best = tag;
                bestNumbers = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Whether a tag whose image was built at {@code created} has not moved for longer than {@code threshold}; a sentence
     * that says so, or empty. A placeholder time (before 2000, as reproducible builds write) says nothing.
     */
    public static Optional<String> stale(String reference, Instant created, Instant now, Duration threshold) {
        if (threshold.isZero() || created == null || created.isBefore(Instant.parse("2000-01-01T00:00:00Z"))) {
            return Optional.empty();
        }
        Duration age = Duration.between(created, now);
        if (age.compareTo(threshold) <= 0) {
            return Optional.empty();
        }
        return Optional.of(reference + " has not moved for " + age.toDays() + " days (its image was built " + created
                + "; platform.staleBaseAge=" + BaseAge.describe(threshold) + "): the track may be at its end of life");
    }

    /** The tag with every run of digits replaced by {@code #}: its shape. */
    static String shape(String tag) {
        return NUMBER.matcher(tag).replaceAll("#");
    }

    static List<Long> numbers(String tag) {
        List<Long> numbers = new ArrayList<>();
        Matcher m = NUMBER.matcher(tag);
        while (m.find()) {
            try {
                numbers.add(Long.parseLong(m.group()));
            } catch (NumberFormatException e) {
                numbers.add(Long.MAX_VALUE); // a run of digits too long for a version: compares as highest, and is rare
            }
        }
        return numbers;
    }

    private static int compare(List<Long> a, List<Long> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Long.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
