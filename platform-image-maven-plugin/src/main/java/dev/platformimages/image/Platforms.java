package dev.platformimages.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The platforms an image is built for ({@code platform.platforms}), as OCI {@code os/architecture[/variant]}, and
 * how per-platform digests are written into one label value: {@code linux/amd64=sha256:...;linux/arm64=sha256:...}.
 * Pure.
 */
public final class Platforms {

    /** The platforms Docker's engine and OCI indexes know, as os/architecture[/variant]. */
    private static final List<String> KNOWN = List.of("linux/amd64", "linux/arm64", "linux/arm64/v8", "linux/arm/v7",
            "linux/arm/v6", "linux/386", "linux/ppc64le", "linux/s390x", "linux/riscv64", "linux/mips64le",
            "windows/amd64");

    private Platforms() {
    }

    /** The list {@code value} names, validated; empty when unset (the engine's own platform, one image, no index). */
    public static List<String> parse(String value) {
        List<String> platforms = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return platforms;
        }
        for (String raw : value.split(",")) {
            String platform = raw.trim().toLowerCase(Locale.ROOT);
            if (platform.isEmpty()) {
                continue;
            }
            if (!KNOWN.contains(platform)) {
                throw new IllegalArgumentException("platform.platforms has '" + raw.trim() + "', which is not a platform "
                        + "this plugin builds: use os/architecture[/variant] from " + String.join(", ", KNOWN));
            }
            if (platforms.contains(platform)) {
                throw new IllegalArgumentException("platform.platforms names " + platform + " twice: each platform is built once");
            }
            platforms.add(platform);
        }
        return platforms;
    }

    public static String os(String platform) {
        return platform.split("/")[0];
    }

    public static String architecture(String platform) {
        return platform.split("/")[1];
    }

    /** The variant (v7, v8), or null. */
    public static String variant(String platform) {
        String[] parts = platform.split("/");
        return parts.length > 2 ? parts[2] : null;
    }

    /** e.g. {@code linux-arm64}: for local tags and draft tags of one platform's image. */
    public static String tagSuffix(String platform) {
        return platform.replace('/', '-');
    }

    /** The name of the QEMU user-mode emulator that runs the architecture's binaries (binfmt_misc handler qemu-NAME). */
    public static String qemuName(String platform) {
        switch (architecture(platform)) {
            case "amd64":
                return "x86_64";
            case "arm64":
                return "aarch64";
            case "386":
                return "i386";
            case "mips64le":
                return "mips64el";
            default:
                return architecture(platform);
        }
    }

    /** One label value for per-platform digests. */
    public static String encode(Map<String, String> digestByPlatform) {
        StringJoiner joined = new StringJoiner(";");
        digestByPlatform.forEach((platform, digest) -> joined.add(platform + "=" + digest));
        return joined.toString();
    }

    /** Inverse of {@link #encode}; a value without '=' is a plain digest (single-platform) and gives an empty map. */
    public static Map<String, String> decode(String value) {
        Map<String, String> decoded = new LinkedHashMap<>();
        if (value == null || !value.contains("=")) {
            return decoded;
        }
        for (String part : value.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                decoded.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return decoded;
    }

    /** What changed between two encoded values, naming each platform, e.g. {@code linux/arm64: sha256:a -> sha256:b}. */
    public static String describeChange(String before, String now) {
        Map<String, String> b = decode(before);
        Map<String, String> n = decode(now);
        if (b.isEmpty() || n.isEmpty()) {
            return before + " -> " + now;
        }
        StringJoiner changes = new StringJoiner(", ");
        n.forEach((platform, digest) -> {
            if (!digest.equals(b.get(platform))) {
                changes.add(platform + ": " + b.getOrDefault(platform, "(none)") + " -> " + digest);
            }
        });
        return changes.toString();
    }
}
