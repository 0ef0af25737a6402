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

    public UpdateDecision(UpdateReason reason, String explanation, VersionTag previous, VersionTag next,
                          List<String> changes) {
        this.reason = reason;
        this.explanation = explanation;
        this.previous = previous;
        this.next = next;
        this.changes = List.copyOf(changes);
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
