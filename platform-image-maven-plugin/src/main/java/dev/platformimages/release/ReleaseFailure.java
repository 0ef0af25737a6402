package dev.platformimages.release;

import java.util.List;
import java.util.Optional;

/**
 * A release cannot go on because of the input or a gate (bad parameter, failed test, version taken).
 * The message is meant for the person who runs the build; it never carries a secret. A failure may name the
 * step that failed (otherwise the goal's own step is assumed) and carry the lines of log that explain it,
 * such as a failed container's output.
 */
public class ReleaseFailure extends RuntimeException {

    private final ReleaseStep step;
    private final String logTitle;
    private final List<String> log;

    public ReleaseFailure(String message) {
        this(message, (Throwable) null);
    }

    public ReleaseFailure(String message, Throwable cause) {
        super(message, cause);
        this.step = null;
        this.logTitle = null;
        this.log = List.of();
    }

    /** A gate's failure with the log that explains it: {@code logTitle} says what the lines are. */
    public ReleaseFailure(ReleaseStep step, String message, String logTitle, List<String> log, Throwable cause) {
        super(message, cause);
        this.step = step;
        this.logTitle = logTitle;
        this.log = List.copyOf(log);
    }

    /** The same failure, its message starting with {@code context} (e.g. the platform it happened on). */
    public ReleaseFailure within(String context) {
        return new ReleaseFailure(step, context + ": " + getMessage(), logTitle, log, this);
    }

    public Optional<ReleaseStep> step() {
        return Optional.ofNullable(step);
    }

    /** The lines of log that explain the failure; empty when there are none. */
    public List<String> log() {
        return log;
    }

    /** The message followed by the log, indented, as the build log shows it. */
    public String describe() {
        if (log.isEmpty()) {
            return getMessage();
        }
        return getMessage() + "\n" + logTitle + ":\n    " + String.join("\n    ", log);
    }
}
