package dev.platformimages.release;

/** Where services report progress; the mojos adapt Maven's log to it. */
public interface ReleaseLog {
    void info(String line);

    void warn(String line);
}
