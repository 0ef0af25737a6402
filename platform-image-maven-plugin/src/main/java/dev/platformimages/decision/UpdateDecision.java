package dev.platformimages.decision;

import dev.platformimages.version.VersionTag;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of the update check: the reason, a sentence a person can read, the newest published
 * version (if any) and the version to publish next (absent when up to date).
 */
public final class UpdateDecision {

    private final UpdateReason reason;
    private final String explanation;
    private final VersionTag previous;
    private final VersionTag next;
    private final List<String> changes;
    private final List<String> notes;

    public UpdateDecision(UpdateReason reason, String explanation, VersionTag previous, VersionTag next,
                          List<String> changes) {
        this(reason, explanation, previous, next, changes, List.of());
    }

    /** @param notes what was seen but does not count as a change, e.g. an index that only gained attestations */
    public UpdateDecision(UpdateReason reason, String explanation, VersionTag previous, VersionTag next,
                          List<String> changes, List<String> notes) {
        this.reason = reason;
        this.explanation = explanation;
        this.previous = previous;
        this.next = next;
        this.changes = List.copyOf(changes);
        this.notes = List.copyOf(notes);
    }

    /** Differences seen that are not updates, one line each, for the log. */
    public List<String> notes() {
        return notes;
    }

    public UpdateReason reason() {
        return reason;
    }

    public String explanation() {
        return explanation;
    }

    public Optional<VersionTag> previous() {
        return Optional.ofNullable(previous);
    }

    public Optional<VersionTag> next() {
        return Optional.ofNullable(next);
    }

    /** Each change detected, one line each (also listed when forced). */
    public List<String> changes() {
        return changes;
    }
}
