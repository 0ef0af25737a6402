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
    private final Map<String, String> platformDigests;

    public ImageProvenance(String definitionHash, Map<String, String> baseDigests) {
        this(definitionHash, baseDigests, Map.of());
    }

    /**
     * @param baseDigests     each base to the digest its tag resolves to (an index for a multi-arch tag)
     * @param platformDigests each base to the digest of the platform image used (may lack entries: older labels)
     */
    public ImageProvenance(String definitionHash, Map<String, String> baseDigests, Map<String, String> platformDigests) {
        this.definitionHash = definitionHash;
        this.baseDigests = Collections.unmodifiableMap(new LinkedHashMap<>(baseDigests));
        this.platformDigests = Collections.unmodifiableMap(new LinkedHashMap<>(platformDigests));
    }

    /** Each base to the digest of the platform image used; empty for images labelled before this was recorded. */
    public Map<String, String> platformDigests() {
        return platformDigests;
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
