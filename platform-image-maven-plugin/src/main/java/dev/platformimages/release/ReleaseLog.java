package dev.platformimages.release;

/** Where services report progress; the mojos adapt Maven's log to it. */
public interface ReleaseLog {
    void info(String line);

    void warn(String line);

    /** A line for those who ask for it (Maven's debug level, {@code mvn -X}): long lists behind a summary. */
    default void detail(String line) {
    }
}
