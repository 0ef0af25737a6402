package dev.platformimages.registry;

/** What a HEAD on a manifest tells: its digest and media type. */
public final class ManifestHead {
    private final String digest;
    private final String mediaType;

    public ManifestHead(String digest, String mediaType) {
        this.digest = digest;
        this.mediaType = mediaType;
    }

    public String digest() {
        return digest;
    }

    public String mediaType() {
        return mediaType;
    }
}
