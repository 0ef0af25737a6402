package dev.platformimages.packages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The newest version of each package a package index offers, by {@code name:architecture}. Read as a stream (a
 * Debian {@code Packages} file is tens of MiB): only Package, Version and Architecture are kept.
 */
public final class PackageIndex {

    private PackageIndex() {
    }

    /** The newest version of every package of a Debian {@code Packages} file, by {@code name:architecture}. */
    public static Map<String, String> debian(InputStream packagesFile) throws IOException {
        Map<String, String> newest = new HashMap<>();
        BufferedReader lines = new BufferedReader(new InputStreamReader(packagesFile, StandardCharsets.UTF_8), 64 * 1024);
        String name = null;
        String version = null;
        String architecture = null;
        for (String line; ; ) {
            line = lines.readLine();
            if (line == null || line.isEmpty()) {
                if (name != null && version != null) {
                    newest.merge(name + ":" + (architecture == null ? "" : architecture), version,
                            (a, b) -> DebianVersion.ORDER.compare(a, b) >= 0 ? a : b);
                }
                name = version = architecture = null;
                if (line == null) {
                    return newest;
                }
            } else if (line.startsWith("Package:")) {
                name = line.substring(8).trim();
            } else if (line.startsWith("Version:")) {
                version = line.substring(8).trim();
            } else if (line.startsWith("Architecture:")) {
                architecture = line.substring(13).trim();
            }
        }
    }

    /**
     * The newest version of every package of an Alpine {@code APKINDEX} text, by {@code name:architecture}.
     */
    public static Map<String, String> alpine(String apkIndex) {
        Map<String, String> newest = new HashMap<>();
        String name = null;
        String version = null;
        String architecture = null;
        for (String line : (apkIndex + "\n\n").split("\n", -1)) {
            if (line.isEmpty()) {
                if (name != null && version != null) {
                    newest.merge(name + ":" + (architecture == null ? "" : architecture), version,
                            (a, b) -> ApkVersion.ORDER.compare(a, b) >= 0 ? a : b);
                }
                name = version = architecture = null;
            } else if (line.startsWith("P:")) {
                name = line.substring(2);
            } else if (line.startsWith("V:")) {
                version = line.substring(2);
            } else if (line.startsWith("A:")) {
                architecture = line.substring(2);
            }
        }
        return newest;
    }
}
