package dev.platformimages.step;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which lines of a build's output are warnings: the engine's own ({@code [Warning] One or more build-args were
 * not consumed}) and the ones tools print at the start of a line ({@code WARNING: ...}, {@code warning: ...},
 * apt's {@code W: ...}). Not every line that mentions the word, as the seeds' grep did: a package named
 * {@code python3-warnings} or a log line quoting "warning" is not one. Pure.
 */
public final class BuildWarnings {

    private static final Pattern WARNING = Pattern.compile("^(\\[warning]|warning:|warn:|w: )");

    private BuildWarnings() {
    }

    public static boolean isWarning(String line) {
        return WARNING.matcher(line.strip().toLowerCase(Locale.ROOT)).find();
    }
}
