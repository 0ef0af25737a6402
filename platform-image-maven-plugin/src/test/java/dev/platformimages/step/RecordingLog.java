package dev.platformimages.step;

import dev.platformimages.release.ReleaseLog;

import java.util.ArrayList;
import java.util.List;

/** A release log that keeps its lines for assertions: {@code INFO text} and {@code WARN text}. */
public final class RecordingLog implements ReleaseLog {

    /** Every line, with its level in front. */
    public final List<String> lines = new ArrayList<>();

    @Override
    public void info(String line) {
        lines.add("INFO " + line);
    }

    @Override
    public void warn(String line) {
        lines.add("WARN " + line);
    }

    /** The lines without their level. */
    public List<String> messages() {
        return lines.stream().map(l -> l.substring(5)).toList();
    }
}
