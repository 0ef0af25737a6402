package dev.platformimages.ecr;

import dev.platformimages.clock.Sleeper;
import dev.platformimages.release.ReleaseLog;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewInProgressException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

import java.time.Duration;
import java.time.Instant;

/** Applies a lifecycle policy to an ECR repository (only when it differs), or previews it without applying. */
public final class LifecyclePolicies {

    private final EcrSession session;
    private final ReleaseLog log;
    private final Sleeper sleeper;
    private final Duration previewTimeout;

    public LifecyclePolicies(EcrSession session, ReleaseLog log, Sleeper sleeper, Duration previewTimeout) {
        this.session = session;
        this.log = log;
        this.sleeper = sleeper;
        this.previewTimeout = previewTimeout;
    }

    /** PutLifecyclePolicy when the repository's policy says something else; returns whether it changed. */
    public boolean apply(String repository, LifecyclePolicy policy) {
        String current;
        try {
            current = session.callExpecting("GetLifecyclePolicy", () -> session.client().getLifecyclePolicy(r -> r
                    .registryId(session.registryId()).repositoryName(repository)), LifecyclePolicyNotFoundException.class)
                    .lifecyclePolicyText();
        } catch (LifecyclePolicyNotFoundException e) {
            current = null;
        }
        if (policy.sameAs(current)) {
            log.info("Lifecycle policy of " + repository + " is up to date");
            return false;
        }
        session.call("PutLifecyclePolicy", () -> session.client().putLifecyclePolicy(r -> r
                .registryId(session.registryId()).repositoryName(repository).lifecyclePolicyText(policy.json())));
        log.info((current == null ? "Applied" : "Replaced") + " the lifecycle policy of " + repository + ":");
        policy.json().lines().forEach(line -> log.info("  " + line));
        return true;
    }

    /** Prints the policy and ECR's preview of what it would expire; applies nothing. */
    public void preview(String repository, LifecyclePolicy policy) {
        log.info("Dry run: the lifecycle policy for " + repository + " would be:");
        policy.json().lines().forEach(line -> log.info("  " + line));
        try {
            session.callExpecting("StartLifecyclePolicyPreview", () -> session.client().startLifecyclePolicyPreview(r -> r
                    .registryId(session.registryId()).repositoryName(repository).lifecyclePolicyText(policy.json())),
                    RepositoryNotFoundException.class);
        } catch (RepositoryNotFoundException e) {
            log.info("Repository " + repository + " does not exist yet: the policy would expire nothing");
            return;
        } catch (EcrCallException e) {
            if (e.getCause() instanceof LifecyclePolicyPreviewInProgressException) {
                log.warn("ECR is running another lifecycle policy preview for " + repository + ": no preview this time");
                return;
            }
            throw e;
        }
        Instant deadline = Instant.now().plus(previewTimeout);
        Duration wait = Duration.ofSeconds(1);
        GetLifecyclePolicyPreviewResponse preview;
        while (true) {
            preview = session.call("GetLifecyclePolicyPreview", () -> session.client().getLifecyclePolicyPreview(r -> r
                    .registryId(session.registryId()).repositoryName(repository)));
            if (preview.status() != LifecyclePolicyPreviewStatus.IN_PROGRESS) {
                break;
            }
            if (Instant.now().plus(wait).isAfter(deadline)) {
                log.warn("ECR's lifecycle policy preview of " + repository + " did not finish within "
                        + previewTimeout.toSeconds() + " s: no preview this time");
                return;
            }
            sleep(wait);
            wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : wait.multipliedBy(2);
        }
        if (preview.status() != LifecyclePolicyPreviewStatus.COMPLETE) {
            log.warn("ECR's lifecycle policy preview of " + repository + " ended " + preview.statusAsString());
            return;
        }
        int expiring = preview.summary() == null || preview.summary().expiringImageTotalCount() == null ? preview.previewResults().size()
                : preview.summary().expiringImageTotalCount();
        log.info("Preview: the policy would expire " + expiring + " image(s)");
        // Every page: the preview of a repository with many drafts is longer than ECR's first answer.
        GetLifecyclePolicyPreviewResponse page = preview;
        while (true) {
            for (LifecyclePolicyPreviewResult result : page.previewResults()) {
                log.info("  " + result.imageDigest() + " " + (result.imageTags().isEmpty() ? "(untagged)" : String.join(", ", result.imageTags()))
                        + ", pushed " + result.imagePushedAt() + ", by rule " + result.appliedRulePriority());
            }
            String next = page.nextToken();
            if (next == null) {
                break;
            }
            page = session.call("GetLifecyclePolicyPreview", () -> session.client().getLifecyclePolicyPreview(r -> r
                    .registryId(session.registryId()).repositoryName(repository).nextToken(next)));
        }
    }

    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for ECR's lifecycle policy preview", e);
        }
    }
}
