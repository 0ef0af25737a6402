package dev.platformimages.release;

import dev.platformimages.image.ImageReference;
import dev.platformimages.version.VersionTag;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Where an image is published: registry, repository, tag prefix and the floating tags to move. */
public final class ReleaseTarget {

    /** Room left for "-MAJOR.MINOR.PATCH" in Docker's 128-character tag limit. */
    private static final int MAX_PREFIX_LENGTH = 128 - "-999.999.999".length();

    private final String registry;
    private final String repository;
    private final String tag;
    private final List<String> extraTags;
    private final String draftRepository;

    public ReleaseTarget(String registry, String repository, String tag, List<String> extraTags) {
        this(registry, repository, tag, extraTags, null);
    }

    /** @param draftRepository where drafts go; null or blank: {@code {repository}-drafts} */
    public ReleaseTarget(String registry, String repository, String tag, List<String> extraTags, String draftRepository) {
        this(registry, repository, tag, extraTags, draftRepository, false);
    }

    /**
     * @param draftRepository  where drafts go; null or blank: the repository itself when {@code tagsDeletableAlone},
     *                         else {@code {repository}-drafts}
     * @param tagsDeletableAlone whether the registry can delete a tag without its image (ECR), which lets drafts
     *                         share the release repository
     */
    public ReleaseTarget(String registry, String repository, String tag, List<String> extraTags, String draftRepository,
                         boolean tagsDeletableAlone) {
        try {
            this.registry = ImageReference.validateRegistry(registry);
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
        if (repository == null || repository.isBlank()) {
            throw new ReleaseFailure("platform.repository is empty: name the repository (default: the artifactId)");
        }
        try {
            ImageReference.of(this.registry, repository.trim(), null);
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure("platform.repository is '" + repository + "': " + e.getMessage());
        }
        this.repository = repository.trim();
        if (tag == null || tag.isBlank()) {
            throw new ReleaseFailure("platform.tag is not set: give the tag without version, e.g. 8.0-bookworm-slim");
        }
        this.tag = tag.trim();
        if (!VersionTag.isValidDockerTag(this.tag) || this.tag.length() > MAX_PREFIX_LENGTH) {
            throw new ReleaseFailure("platform.tag is '" + tag + "': a tag is letters, digits, '_', '.' and '-', "
                    + "starts with a letter, digit or '_', and leaves room for the version (at most "
                    + MAX_PREFIX_LENGTH + " characters)");
        }
        this.extraTags = new ArrayList<>();
        for (String extra : extraTags == null ? List.<String>of() : extraTags) {
            String t = extra.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (!VersionTag.isValidDockerTag(t)) {
                throw new ReleaseFailure("platform.extraTags has '" + extra + "', which is not a valid tag");
            }
            if (VersionTag.parse(this.tag, t).isPresent()) {
                throw new ReleaseFailure("platform.extraTags has '" + t + "', which looks like a version tag of '"
                        + this.tag + "': version tags never move");
            }
            this.extraTags.add(t);
        }
        String drafts = draftRepository != null && !draftRepository.isBlank() ? draftRepository.trim()
                : tagsDeletableAlone ? this.repository : this.repository + "-drafts";
        try {
            ImageReference.of(this.registry, drafts, null);
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure("platform.draftRepository is '" + drafts + "': " + e.getMessage());
        }
        if (drafts.equals(this.repository) && !tagsDeletableAlone) {
            throw new ReleaseFailure("platform.draftRepository is the release repository " + drafts + ": drafts need a "
                    + "repository of their own, so that deleting one never deletes a release");
        }
        this.draftRepository = drafts;
    }

    /** The repository drafts are pushed to before their gates. */
    public String draftRepository() {
        return draftRepository;
    }

    public String registry() {
        return registry;
    }

    public String repository() {
        return repository;
    }

    public String tag() {
        return tag;
    }

    /** latest, the tag prefix itself, then the extra tags; without duplicates. */
    public List<String> floatingTags() {
        Set<String> tags = new LinkedHashSet<>();
        tags.add("latest");
        tags.add(tag);
        tags.addAll(extraTags);
        return new ArrayList<>(tags);
    }

    public ImageReference reference(String tagOrVersionTag) {
        return ImageReference.of(registry, repository, tagOrVersionTag);
    }
}
