package dev.platformimages.decision;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an image was built from: the hash of its definition and the digest of each upstream base,
 * keyed by the base reference as written in the Dockerfile (ARG defaults substituted).
 * For a published image it is read from its labels; for the working tree it is computed.
 */
public final class ImageProvenance {

    private final String definitionHash;
    private final Map<String, String> baseDigests;

    public ImageProvenance(String definitionHash, Map<String, String> baseDigests) {
        this.definitionHash = definitionHash;
        this.baseDigests = Collections.unmodifiableMap(new LinkedHashMap<>(baseDigests));
    }

    /** May be null for an image published without our labels. */
    public String definitionHash() {
        return definitionHash;
    }

    public Map<String, String> baseDigests() {
        return baseDigests;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ImageProvenance)) {
            return false;
        }
        ImageProvenance other = (ImageProvenance) o;
        return Objects.equals(definitionHash, other.definitionHash) && baseDigests.equals(other.baseDigests);
    }

    @Override
    public int hashCode() {
        return Objects.hash(definitionHash, baseDigests);
    }

    @Override
    public String toString() {
        return "definition " + definitionHash + ", bases " + baseDigests;
    }
}
