package dev.platformimages.packages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the package databases an inventory reads: dpkg's status file (deb822 paragraphs; only packages whose
 * Status says installed, and every paragraph of a distroless status.d file, which has no Status) and apk's installed
 * database (a letter, a colon and a value per line, a blank line between packages).
 */
public final class PackageDatabases {

    private PackageDatabases() {
    }

    /**
     * The installed packages of a dpkg status (or status.d) file.
     *
     * @throws IllegalArgumentException when a paragraph has no Package or no Version
     */
    public static List<InstalledPackage> dpkgStatus(String text) {
        List<InstalledPackage> packages = new ArrayList<>();
        for (Map<String, String> paragraph : deb822(text)) {
            String status = paragraph.get("status");
            if (status != null && !status.trim().endsWith(" installed")) {
                continue; // removed but with config files left, half-installed, ...
            }
            String name = paragraph.get("package");
            String version = paragraph.get("version");
            if (name == null || version == null) {
                throw new IllegalArgumentException("a dpkg status paragraph has no " + (name == null ? "Package" : "Version")
                        + (name == null ? "" : " (package " + name + ")"));
            }
            String source = name;
            String sourceVersion = null;
            String sourceField = paragraph.get("source");
            if (sourceField != null && !sourceField.isBlank()) {
                String[] parts = sourceField.trim().split("\\s+", 2);
                source = parts[0];
                if (parts.length == 2 && parts[1].startsWith("(") && parts[1].endsWith(")")) {
                    sourceVersion = parts[1].substring(1, parts[1].length() - 1).trim();
                }
            }
            packages.add(new InstalledPackage(name.trim(), version.trim(), source, sourceVersion,
                    paragraph.getOrDefault("architecture", "").trim()));
        }
        return packages;
    }

    /**
     * The installed packages of apk's database.
     *
     * @throws IllegalArgumentException when a package has no P or no V line
     */
    public static List<InstalledPackage> apkInstalled(String text) {
        List<InstalledPackage> packages = new ArrayList<>();
        Map<Character, String> fields = new LinkedHashMap<>();
        for (String line : (text + "\n\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    String name = fields.get('P');
                    String version = fields.get('V');
                    if (name == null || version == null) {
                        throw new IllegalArgumentException("an apk database entry has no " + (name == null ? "P (name)" : "V (version)")
                                + (name == null ? "" : " (package " + name + ")"));
                    }
                    packages.add(new InstalledPackage(name, version, fields.getOrDefault('o', name), null,
                            fields.getOrDefault('A', "")));
                    fields.clear();
                }
            } else if (line.length() >= 2 && line.charAt(1) == ':') {
                fields.putIfAbsent(line.charAt(0), line.substring(2).trim());
            }
        }
        return packages;
    }

    /** deb822 paragraphs: field names lower-cased, continuation lines joined. */
    static List<Map<String, String>> deb822(String text) {
        List<Map<String, String>> paragraphs = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String last = null;
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    paragraphs.add(current);
                    current = new LinkedHashMap<>();
                }
                last = null;
            } else if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                current.merge(last, "\n" + line.trim(), String::concat);
            } else if (!line.startsWith("#")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    last = line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
                    current.put(last, line.substring(colon + 1).trim());
                }
            }
        }
        if (!current.isEmpty()) {
            paragraphs.add(current);
        }
        return paragraphs;
    }
}
