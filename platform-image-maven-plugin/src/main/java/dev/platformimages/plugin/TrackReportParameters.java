package dev.platformimages.plugin;

import dev.platformimages.decision.BaseAge;
import dev.platformimages.release.ReleaseFailure;

import java.time.Duration;

/** platform.staleBaseAge, parsed for the goals that report tracks (status, plan); a bad value fails naming it. */
final class TrackReportParameters {

    static final String PROPERTY_STALE_BASE_AGE = "platform.staleBaseAge";

    private TrackReportParameters() {
    }

    static Duration staleBaseAge(String text) {
        try {
            return BaseAge.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage().replace("platform.minBaseAge", PROPERTY_STALE_BASE_AGE)
                    .replace("or 0 to take a new upstream digest as soon as it appears", "or 0 to report no stale track"));
        }
    }
}
