package dev.platformimages.sbom;

import dev.platformimages.packages.InstalledPackage;
import dev.platformimages.packages.PackageManager;

import java.nio.charset.StandardCharsets;

/**
 * Package URLs (purl, github.com/package-url/purl-spec) of installed packages and images, as scanners match them:
 * {@code pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64}, {@code pkg:apk/alpine/musl@1.2.5-r1?arch=x86_64},
 * {@code pkg:oci/node@sha256%3A...?repository_url=registry/platform/node}.
 */
public final class PackageUrl {

    private PackageUrl() {
    }

    /** The purl of an installed package; dpkg packages are named under {@code debian}, apk ones under {@code alpine}. */
    public static String of(PackageManager manager, InstalledPackage p) {
        String type = manager == PackageManager.APK ? "apk/alpine/" : "deb/debian/";
        String purl = "pkg:" + type + encode(p.name()) + "@" + encode(p.version());
        return p.architecture().isEmpty() ? purl : purl + "?arch=" + encode(p.architecture());
    }

    /** The purl of an image by digest in {@code registry/repository}. */
    public static String image(String registry, String repository, String digest) {
        String name = repository.substring(repository.lastIndexOf('/') + 1);
        return "pkg:oci/" + encode(name) + "@" + encode(digest) + "?repository_url=" + encode(registry + "/" + repository);
    }

    /** Percent-encoding as the purl spec asks: everything but letters, digits and {@code .-_~} (and / in a URL value). */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '~' || c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
