package dev.platformimages.release;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.util.List;

/**
 * For a release on ECR: the scan findings the previous version had that the new one has not (fixed) and those the new
 * one has that the previous had not (introduced), each as {@code SEVERITY ID in package version}; or a note saying why
 * they were not compared (a scan not complete, no previous version).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, creatorVisibility = JsonAutoDetect.Visibility.ANY)
public record FindingsChange(List<String> fixed, List<String> introduced, String note) {

    public FindingsChange {
        fixed = fixed == null ? List.of() : List.copyOf(fixed);
        introduced = introduced == null ? List.of() : List.copyOf(introduced);
    }

    /** Findings not compared, and why. */
    public static FindingsChange notCompared(String why) {
        return new FindingsChange(List.of(), List.of(), why);
    }

    /** {@code 2 fixed, 1 introduced}, or the note. */
    public String summary() {
        return note != null ? "scan findings not compared: " + note
                : "scan findings: " + fixed.size() + " fixed, " + introduced.size() + " introduced";
    }
}
