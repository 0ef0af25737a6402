package dev.platformimages.plugin;

import dev.platformimages.release.ReleaseLog;
import org.apache.maven.plugin.logging.Log;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The services' log on Maven's, keeping the last lines: a failure whose error carries no log of its own is announced
 * with them.
 */
final class RecentLog implements ReleaseLog {

    static final int LINES = 20;

    private final Log log;
    private final Deque<String> recent = new ArrayDeque<>();

    RecentLog(Log log) {
        this.log = log;
    }

    /** A log for goals that report for many images (status, plan): what a check reads goes to debug, warnings stay. */
    static ReleaseLog quiet(Log log) {
        return new ReleaseLog() {
            @Override
            public void info(String line) {
                log.debug(line);
            }

            @Override
            public void warn(String line) {
                log.warn(line);
            }
        };
    }

    @Override
    public void info(String line) {
        log.info(line);
        remember(line);
    }

    @Override
    public void warn(String line) {
        log.warn(line);
        remember(line);
    }

    @Override
    public void detail(String line) {
        log.debug(line);
    }

    synchronized List<String> lines() {
        return List.copyOf(recent);
    }

    private synchronized void remember(String line) {
        for (String part : line.split("\n")) {
            if (recent.size() == LINES) {
                recent.removeFirst();
            }
            recent.addLast(part);
        }
    }
}
