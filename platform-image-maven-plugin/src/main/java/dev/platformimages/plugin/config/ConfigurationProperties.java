package dev.platformimages.plugin.config;

import dev.platformimages.release.ReleaseFailure;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Reads a grouped parameter the way Maven reads a flat one with a property: the value written in the plugin's
 * configuration ({@code <ecr><kmsKey>}) wins; else its property ({@code platform.ecr.kmsKey}) from the command line
 * ({@code -D}), the JVM's system properties or the POM's {@code <properties>}, in that order; else the default.
 * A value that is not of the parameter's type fails with the property named.
 */
public final class ConfigurationProperties {

    private final List<Properties> sources;

    /** @param sources where properties are looked up, first match wins (user, system, project properties); null ones are skipped */
    public ConfigurationProperties(Properties... sources) {
        this.sources = Arrays.stream(sources).filter(Objects::nonNull).toList();
    }

    /** The configured value, else the property, else null; blank counts as unset. */
    public String string(String configured, String property) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        for (Properties source : sources) {
            String value = source.getProperty(property);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    public String string(String configured, String property, String defaultValue) {
        String value = string(configured, property);
        return value == null ? defaultValue : value;
    }

    public boolean bool(Boolean configured, String property, boolean defaultValue) {
        return typed(configured, property, defaultValue, value -> {
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(value);
            }
            throw new ReleaseFailure(property + " is '" + value + "': give true or false");
        });
    }

    public int integer(Integer configured, String property, int defaultValue) {
        return typed(configured, property, defaultValue, value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new ReleaseFailure(property + " is '" + value + "': give a whole number");
            }
        });
    }

    /** The configured value, else the property parsed, else the default. */
    private <T> T typed(T configured, String property, T defaultValue, java.util.function.Function<String, T> parse) {
        if (configured != null) {
            return configured;
        }
        String value = string(null, property);
        return value == null ? defaultValue : parse.apply(value);
    }
}
