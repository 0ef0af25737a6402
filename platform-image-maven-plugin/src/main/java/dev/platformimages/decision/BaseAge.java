package dev.platformimages.decision;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code platform.minBaseAge}: a new upstream digest younger than the minimum age is not taken yet (a broken upstream
 * push is often replaced within hours). Judges a base change by the age of each new base image, from its config's
 * {@code created} time; the release waits until the youngest changed base is old enough. A base whose age cannot be
 * told (no {@code created}, one before 2000 as reproducible builds write, or one in the future) does not hold the
 * release back, and says so. Pure.
 */
public final class BaseAge {

    /** Created times before this are placeholders (reproducible builds write the epoch or 1980), not ages. */
    private static final Instant PLAUSIBLE = Instant.parse("2000-01-01T00:00:00Z");
    /** Clocks differ: a created time up to this far ahead still counts as now. */
    private static final Duration SKEW = Duration.ofMinutes(10);
    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

    /** A base whose digest changed: its name, the digest it resolves to now and when that image was built (or null). */
    public record NewBase(String name, String digest, Instant created) {
    }

    /**
     * The verdict: {@code takenFrom} null when the change is taken now; otherwise the time from which it is, and the
     * sentence that says why. {@code notes}: bases whose age could not be told.
     */
    public record Verdict(Instant takenFrom, String explanation, List<String> notes) {
        public boolean holds() {
            return takenFrom != null;
        }
    }

    private BaseAge() {
    }

    /**
     * {@code platform.minBaseAge} as a duration: {@code 24h}, {@code 90m}, {@code 2d}, {@code 1d12h}, {@code 45s},
     * an ISO-8601 duration ({@code PT24H}, {@code P2D}), or {@code 0}; blank is 0 (off).
     *
     * @throws IllegalArgumentException naming the parameter and the forms it takes
     */
    public static Duration parse(String text) {
        return parse(text, "platform.minBaseAge", "take a new upstream digest as soon as it appears");
    }

    /**
     * A duration parameter in the forms {@link #parse(String)} takes; a bad value fails naming {@code property} and what
     * 0 means for it.
     */
    public static Duration parse(String text, String property, String zeroMeans) {
        if (text == null || text.isBlank() || text.trim().equals("0")) {
            return Duration.ZERO;
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                Duration parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
                if (!parsed.isNegative()) {
                    return parsed;
                }
            } else {
                Matcher part = PART.matcher(value);
                Duration total = Duration.ZERO;
                int end = 0;
                while (part.find() && part.start() == end) {
                    long amount = Long.parseLong(part.group(1));
                    total = total.plus(switch (part.group(2)) {
                        case "d" -> Duration.ofDays(amount);
                        case "h" -> Duration.ofHours(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofSeconds(amount);
                    });
                    end = part.end();
                }
                if (end == value.length() && end > 0) {
                    return total;
                }
            }
        } catch (RuntimeException e) {
            // the message below says what is accepted
        }
        throw new IllegalArgumentException(property + " is '" + text + "': give a duration such as 24h, 90m, 2d, "
                + "1d12h or PT24H, or 0 to " + zeroMeans);
    }

    /**
     * Whether the base changes are taken now.
     *
     * @param minAge the minimum age; zero takes everything
     * @param now    the time of the check
     * @param bases  the bases whose digest changed
     */
    public static Verdict judge(Duration minAge, Instant now, List<NewBase> bases) {
        List<String> notes = new ArrayList<>();
        if (minAge.isZero() || bases.isEmpty()) {
            return new Verdict(null, null, notes);
        }
        Instant takenFrom = null;
        List<String> young = new ArrayList<>();
        for (NewBase base : bases) {
            Instant created = base.created();
            if (created == null || created.isBefore(PLAUSIBLE) || created.isAfter(now.plus(SKEW))) {
                notes.add("the age of " + base.name() + "'s new image " + base.digest() + " cannot be told (its config's "
                        + "created time is " + (created == null ? "missing" : created) + "): platform.minBaseAge does not "
                        + "hold it back");
                continue;
            }
            Instant from = created.plus(minAge);
            if (from.isAfter(now)) {
                young.add(base.name() + " changed to " + base.digest() + ", built " + created.truncatedTo(ChronoUnit.SECONDS)
                        + " (" + describe(Duration.between(created, now)) + " ago)");
                takenFrom = takenFrom == null || from.isAfter(takenFrom) ? from : takenFrom;
            }
        }
        if (takenFrom == null) {
            return new Verdict(null, null, notes);
        }
        Instant when = takenFrom.truncatedTo(ChronoUnit.SECONDS);
        return new Verdict(when, "base " + String.join("; base ", young) + ": younger than platform.minBaseAge="
                + describe(minAge) + ", so it is taken from " + when + " (in " + describe(Duration.between(now, when))
                + "); -Dplatform.force=true takes it now", notes);
    }

    /** A duration as a person reads it: {@code 3h 20m}, {@code 2d 4h}, {@code 45s}. */
    public static String describe(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        long days = seconds / 86400;
        long hours = seconds % 86400 / 3600;
        long minutes = seconds % 3600 / 60;
        List<String> parts = new ArrayList<>();
        if (days > 0) {
            parts.add(days + "d");
        }
        if (hours > 0) {
            parts.add(hours + "h");
        }
        if (minutes > 0 && days == 0) {
            parts.add(minutes + "m");
        }
        if (parts.isEmpty()) {
            parts.add(seconds % 60 + "s");
        }
        return String.join(" ", parts);
    }
}
