package dev.platformimages.ecr;

import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLog;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilterType;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * ECR repositories as code: one DescribeRepositories per release finds the repository; a missing one is created
 * with the configured settings; an existing one is left alone unless the settings say to manage it, in which case
 * scanning, tag mutability and resource tags are brought in line (encryption cannot change after creation: a
 * difference is reported). Runs once per repository and session (a Maven build), and never on a run that publishes nothing.
 */
public final class EcrRepositories {

    private final EcrSession session;
    private final RepositorySettings settings;
    private final ReleaseLog log;

    public EcrRepositories(EcrSession session, RepositorySettings settings, ReleaseLog log) {
        this.session = session;
        this.settings = settings;
        this.log = log;
    }

    public void ensure(String repository) {
        if (!session.firstEnsure(repository)) {
            return;
        }
        Repository existing;
        try {
            existing = session.callExpecting("DescribeRepositories", () -> session.client().describeRepositories(r -> r
                    .registryId(session.registryId()).repositoryNames(repository)), RepositoryNotFoundException.class)
                    .repositories().get(0);
        } catch (RepositoryNotFoundException e) {
            create(repository);
            return;
        }
        if (settings.manage()) {
            reconcile(existing);
        } else {
            log.info("ECR repository " + repository + " exists (" + describe(existing) + "); left as it is "
                    + "(platform.ecr.manageRepository=true keeps it in line with the settings)");
        }
    }

    private void create(String repository) {
        List<String> exclusions = exclusions();
        try {
            session.callExpecting("CreateRepository", () -> session.client().createRepository(r -> {
                r.registryId(session.registryId())
                        .repositoryName(repository)
                        .imageScanningConfiguration(s -> s.scanOnPush(settings.scanOnPush()))
                        .imageTagMutability(settings.tagMutability())
                        .encryptionConfiguration(e -> e.encryptionType(settings.encryption()).kmsKey(settings.kmsKey()));
                if (!exclusions.isEmpty()) {
                    r.imageTagMutabilityExclusionFilters(filters(exclusions));
                }
                if (!settings.resourceTags().isEmpty()) {
                    r.tags(tags(settings.resourceTags()));
                }
            }), RepositoryAlreadyExistsException.class);
        } catch (RepositoryAlreadyExistsException e) {
            log.info("ECR repository " + repository + " was created meanwhile by another build; using it");
            return;
        }
        log.info("Created ECR repository " + repository + ": scan on push " + (settings.scanOnPush() ? "on" : "off")
                + ", tags " + settings.tagMutability()
                + (exclusions.isEmpty() ? "" : " (movable: " + String.join(", ", exclusions) + ")")
                + ", encryption " + settings.encryption() + (settings.kmsKey() == null ? "" : " with " + settings.kmsKey())
                + (settings.resourceTags().isEmpty() ? "" : ", resource tags " + settings.resourceTags()));
        warnAboutSettings();
    }

    private void reconcile(Repository existing) {
        String name = existing.repositoryName();
        List<String> changed = new ArrayList<>();
        boolean scan = existing.imageScanningConfiguration() != null && Boolean.TRUE.equals(existing.imageScanningConfiguration().scanOnPush());
        if (scan != settings.scanOnPush()) {
            session.call("PutImageScanningConfiguration", () -> session.client().putImageScanningConfiguration(r -> r
                    .registryId(session.registryId()).repositoryName(name)
                    .imageScanningConfiguration(s -> s.scanOnPush(settings.scanOnPush()))));
            changed.add("scan on push " + (settings.scanOnPush() ? "on" : "off"));
        }
        Set<String> haveFilters = existing.imageTagMutabilityExclusionFilters().stream()
                .map(ImageTagMutabilityExclusionFilter::filter).collect(Collectors.toCollection(TreeSet::new));
        List<String> exclusions = exclusions();
        if (!settings.tagMutability().equals(existing.imageTagMutabilityAsString())
                || !haveFilters.equals(new TreeSet<>(exclusions))) {
            session.call("PutImageTagMutability", () -> session.client().putImageTagMutability(r -> {
                r.registryId(session.registryId()).repositoryName(name).imageTagMutability(settings.tagMutability());
                if (!exclusions.isEmpty()) {
                    r.imageTagMutabilityExclusionFilters(filters(exclusions));
                }
            }));
            changed.add("tags " + settings.tagMutability()
                    + (exclusions.isEmpty() ? "" : " (movable: " + String.join(", ", exclusions) + ")"));
        }
        if (!settings.resourceTags().isEmpty()) {
            Map<String, String> have = session.call("ListTagsForResource", () -> session.client().listTagsForResource(r -> r
                    .resourceArn(existing.repositoryArn()))).tags().stream().collect(Collectors.toMap(Tag::key, t -> String.valueOf(t.value()), (a, b) -> a));
            Map<String, String> missing = settings.resourceTags().entrySet().stream()
                    .filter(e -> !e.getValue().equals(have.get(e.getKey())))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            if (!missing.isEmpty()) {
                session.call("TagResource", () -> session.client().tagResource(r -> r.resourceArn(existing.repositoryArn())
                        .tags(tags(missing))));
                changed.add("resource tags " + missing);
            }
        }
        String encryption = existing.encryptionConfiguration() == null ? "AES256" : existing.encryptionConfiguration().encryptionTypeAsString();
        if (!settings.encryption().equals(encryption)) {
            log.warn("ECR repository " + name + " is encrypted with " + encryption + ", the settings say " + settings.encryption()
                    + ": encryption is fixed when a repository is created, so it stays (recreate the repository to change it)");
        }
        log.info("ECR repository " + name + (changed.isEmpty() ? " matches the settings" : " updated: " + String.join("; ", changed)));
        warnAboutSettings();
    }

    private void warnAboutSettings() {
        if (settings.warning() != null) {
            log.warn(settings.warning());
        }
    }

    /** The exclusion filters, checked against ECR's limit before any call: a failure here changes nothing. */
    private List<String> exclusions() {
        try {
            return settings.exclusions();
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure("platform.ecr.tagMutability is " + settings.tagMutability() + ", but " + e.getMessage());
        }
    }

    private static List<ImageTagMutabilityExclusionFilter> filters(List<String> exclusions) {
        return exclusions.stream().map(t -> ImageTagMutabilityExclusionFilter.builder()
                .filterType(ImageTagMutabilityExclusionFilterType.WILDCARD).filter(t).build()).toList();
    }

    private static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static String describe(Repository r) {
        boolean scan = r.imageScanningConfiguration() != null && Boolean.TRUE.equals(r.imageScanningConfiguration().scanOnPush());
        return "scan on push " + (scan ? "on" : "off") + ", tags " + r.imageTagMutabilityAsString()
                + (r.encryptionConfiguration() == null ? "" : ", encryption " + r.encryptionConfiguration().encryptionTypeAsString());
    }
}
