package dev.platformimages.image;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A parsed image reference, normalised as Docker does: {@code busybox} is {@code docker.io/library/busybox},
 * the first path component is a registry only when it has a dot or a port or is {@code localhost}.
 */
public final class ImageReference {

    public static final String DOCKER_HUB = "docker.io";

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}");
    /** distribution/reference's domainAndPort: dot-separated components, each without a leading or trailing '-'. */
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern HOST = Pattern.compile("(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT
            + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
    /** distribution/reference's limit on the repository path. */
    private static final int REPOSITORY_MAX = 255;

    private final String registry;
    private final String repository;
    private final String tag;
    private final String digest;

    private ImageReference(String registry, String repository, String tag, String digest) {
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
    }

    public static ImageReference of(String registry, String repository, String tag) {
        return parse(registry + "/" + repository + (tag == null ? "" : ":" + tag));
    }

    /** Parses a reference; the message of the exception says which part is wrong. */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty image reference");
        }
        String rest = text.trim();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new IllegalArgumentException("'" + text + "': '" + digest + "' is not a sha256 or sha512 digest");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("'" + text + "': '" + tag + "' is not a valid tag");
            }
        }
        String registry = DOCKER_HUB;
        String repository = rest;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            // As distribution/reference's splitDockerDomain: a dot, a port, localhost, or upper case make a domain.
            if (first.contains(".") || first.contains(":") || first.equals("localhost")
                    || !first.toLowerCase(Locale.ROOT).equals(first)) {
                registry = first.toLowerCase(Locale.ROOT);
                repository = rest.substring(slash + 1);
                if (!HOST.matcher(first).matches()) {
                    throw new IllegalArgumentException("'" + text + "': '" + first + "' is not a valid registry host[:port]");
                }
            }
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
            repository = "library/" + repository;
        }
        for (String component : repository.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException("'" + text + "': repository path component '" + component
                        + "' must be lowercase letters, digits and separators (. _ __ -)");
            }
        }
        if (repository.length() > REPOSITORY_MAX) {
            throw new IllegalArgumentException("'" + text + "': the repository name must not be more than "
                    + REPOSITORY_MAX + " characters");
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    /** Whether {@code host} may be reached over plain HTTP: only loopback names and addresses. */
    public static boolean isLoopbackHost(String hostAndPort) {
        String host = hostAndPort.startsWith("[") ? hostAndPort.substring(0, hostAndPort.indexOf(']') + 1)
                : hostAndPort.replaceFirst(":[0-9]+$", "");
        return host.equals("localhost") || host.matches("127(\\.[0-9]{1,3}){3}") || host.equals("[::1]");
    }

    /** Validates the value of {@code platform.registry}: host[:port], no scheme, no path. */
    public static String validateRegistry(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("platform.registry is not set: give the target registry as host[:port], "
                    + "e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com or 127.0.0.1:5000");
        }
        String v = value.trim();
        if (v.contains("://") || v.contains("/") || !HOST.matcher(v).matches()) {
            throw new IllegalArgumentException("platform.registry is '" + value
                    + "': give host[:port] only, without scheme or path (e.g. 127.0.0.1:5000)");
        }
        return v.toLowerCase(Locale.ROOT);
    }

    public String registry() {
        return registry;
    }

    /** The host that serves the Registry HTTP API (Docker Hub's API is not at docker.io). */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    public String repository() {
        return repository;
    }

    /** May be null when the reference is by digest only. */
    public String tag() {
        return tag;
    }

    /** May be null. */
    public String digest() {
        return digest;
    }

    /** The tag or, when pinned, the digest: what goes after /manifests/ in the registry API. */
    public String manifestReference() {
        return digest != null ? digest : tag;
    }

    public ImageReference withTag(String newTag) {
        return parse(registry + "/" + repository + ":" + newTag);
    }

    public ImageReference withDigest(String newDigest) {
        return new ImageReference(registry, repository, tag, newDigest);
    }

    /** registry/repository, without tag or digest. */
    public String name() {
        return registry + "/" + repository;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageReference && o.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return Objects.hash(toString());
    }

    @Override
    public String toString() {
        return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
