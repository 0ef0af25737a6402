package dev.platformimages.registry;

import dev.platformimages.image.ImageReference;

/** The registry refused to move {@code tag} because the repository's tags are immutable and it exists already. */
public final class TagImmutableException extends RegistryException {
    private final ImageReference target;

    public TagImmutableException(ImageReference target, String message) {
        super(message);
        this.target = target;
    }

    public ImageReference target() {
        return target;
    }
}
