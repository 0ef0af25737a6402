package dev.platformimages.step;

import java.util.Locale;

/** The platform this machine's engine builds for by default, as os/architecture in OCI terms. */
final class HostPlatform {

    private HostPlatform() {
    }

    static String current() {
        return "linux/" + architecture(System.getProperty("os.arch", "amd64"));
    }

    /** The JVM's os.arch in OCI terms: x86_64 and amd64 are amd64, aarch64 is arm64. */
    static String architecture(String osArch) {
        switch (osArch.toLowerCase(Locale.ROOT)) {
            case "x86_64":
            case "amd64":
                return "amd64";
            case "aarch64":
            case "arm64":
                return "arm64";
            case "ppc64le":
                return "ppc64le";
            case "s390x":
                return "s390x";
            default:
                return osArch;
        }
    }
}
