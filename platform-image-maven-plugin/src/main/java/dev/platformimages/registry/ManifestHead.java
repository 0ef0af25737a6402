package dev.platformimages.registry;

/** What a HEAD on a manifest tells: its digest and media type. */
public record ManifestHead(String digest, String mediaType) {
}
