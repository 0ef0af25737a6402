package dev.platformimages.packages;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A suite's {@code Release} (the text its {@code InRelease} signs): the index files it lists with their SHA-256 and
 * size, and until when it is valid. A package index is trusted when its hash is the one listed here, as apt trusts it.
 */
public final class AptRelease {

    /** One file a Release lists: its path under the suite, SHA-256 and size. */
    public record IndexFile(String path, String sha256, long size) {
    }

    private final Map<String, IndexFile> files;
    private final String validUntil;

    private AptRelease(Map<String, IndexFile> files, String validUntil) {
        this.files = files;
        this.validUntil = validUntil;
    }

    /**
     * @throws IllegalArgumentException when the text lists no SHA256 files
     */
    public static AptRelease parse(String text) {
        List<Map<String, String>> stanzas = PackageDatabases.deb822(text);
        if (stanzas.isEmpty() || !stanzas.get(0).containsKey("sha256")) {
            throw new IllegalArgumentException("it lists no SHA256 hashes of its index files");
        }
        Map<String, String> release = stanzas.get(0);
        Map<String, IndexFile> files = new LinkedHashMap<>();
        for (String line : release.get("sha256").split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 3) {
                files.put(parts[2], new IndexFile(parts[2], parts[0].toLowerCase(Locale.ROOT), Long.parseLong(parts[1])));
            }
        }
        return new AptRelease(files, release.get("valid-until"));
    }

    /**
     * The package index of {@code component} for {@code architecture} ({@code main/binary-amd64/Packages}; just
     * {@code Packages} for a flat repository, component null), compressed as the suite offers it: xz, else gzip,
     * else plain.
     */
    public Optional<IndexFile> packages(String component, String architecture) {
        String base = component == null ? "Packages" : component + "/binary-" + architecture + "/Packages";
        for (String suffix : List.of(".xz", ".gz", "")) {
            IndexFile file = files.get(base + suffix);
            if (file != null) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** Whether the Release has expired at {@code now} (its Valid-Until is past), as apt refuses it then. */
    public boolean expiredAt(Instant now) {
        if (validUntil == null) {
            return false;
        }
        try {
            // Debian writes the zone as UTC, which Java's RFC 1123 parser knows as GMT.
            String date = validUntil.trim().replaceAll(" (UTC|UT|Z)$", " GMT");
            return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().isBefore(now);
        } catch (DateTimeParseException e) {
            return false; // apt's own format is RFC 1123; anything else is not a date it would hold against the suite
        }
    }

    public String validUntil() {
        return validUntil;
    }
}
