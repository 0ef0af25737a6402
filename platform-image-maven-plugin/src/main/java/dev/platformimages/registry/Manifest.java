package dev.platformimages.registry;

/** A manifest as the registry serves it: the exact bytes (their digest is the manifest's identity). */
public final class Manifest {
    private final byte[] body;
    private final String mediaType;
    private final String digest;

    public Manifest(byte[] body, String mediaType, String digest) {
        this.body = body.clone();
        this.mediaType = mediaType;
        this.digest = digest;
    }

    public byte[] body() {
        return body.clone();
    }

    public String mediaType() {
        return mediaType;
    }

    public String digest() {
        return digest;
    }
}
