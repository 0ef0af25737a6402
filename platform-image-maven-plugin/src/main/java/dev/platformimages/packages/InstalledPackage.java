package dev.platformimages.packages;

/**
 * One package installed in an image, as its package manager records it.
 *
 * @param name          the package name (dpkg's Package, apk's P)
 * @param version       its version (Version, V)
 * @param source        the source package it was built from (dpkg's Source without its version, apk's origin);
 *                      the name itself when the record names none
 * @param sourceVersion the source package's version where it differs from {@code version} (binNMUs), else null
 * @param architecture  its architecture (amd64, arm64, all; x86_64, aarch64, noarch)
 */
public record InstalledPackage(String name, String version, String source, String sourceVersion, String architecture) {
}
