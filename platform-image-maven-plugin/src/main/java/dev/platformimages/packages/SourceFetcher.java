package dev.platformimages.packages;

import java.nio.file.Path;
import java.util.Optional;

/** Fetches the files of package sources (apt's InRelease and Packages, apk's APKINDEX) over HTTP(S). */
public interface SourceFetcher {

    /**
     * The file at {@code url}; empty when the server says it does not have it (404).
     *
     * @throws SourceException when the source cannot be reached or answers with another error
     */
    Optional<byte[]> get(String url);

    /**
     * Streams the file at {@code url} into {@code file} (an index of tens of MiB); false when the server does not have it.
     *
     * @throws SourceException when the source cannot be reached or answers with another error
     */
    boolean download(String url, Path file);

    /** A source that cannot be read; its message names the URL without any credentials in it. */
    final class SourceException extends RuntimeException {
        public SourceException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code url} as it may be shown: without user and password ({@code https://user:token@host/...}). */
    static String display(String url) {
        return url.replaceFirst("^(https?://)[^/@]*@", "$1");
    }
}
