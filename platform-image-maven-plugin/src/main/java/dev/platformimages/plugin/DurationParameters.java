package dev.platformimages.plugin;

import dev.platformimages.decision.BaseAge;
import dev.platformimages.release.ReleaseFailure;

import java.time.Duration;

/** The duration parameters (platform.minBaseAge, platform.staleBaseAge), parsed; a bad value fails naming its parameter. */
final class DurationParameters {

    static final String PROPERTY_MIN_BASE_AGE = "platform.minBaseAge";
    static final String PROPERTY_STALE_BASE_AGE = "platform.staleBaseAge";

    private DurationParameters() {
    }

    static Duration minBaseAge(String text) {
        return parse(text, PROPERTY_MIN_BASE_AGE, "take a new upstream digest as soon as it appears");
    }

    static Duration staleBaseAge(String text) {
        return parse(text, PROPERTY_STALE_BASE_AGE, "report no stale track");
    }

    private static Duration parse(String text, String property, String zeroMeans) {
        try {
            return BaseAge.parse(text, property, zeroMeans);
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
    }
}
