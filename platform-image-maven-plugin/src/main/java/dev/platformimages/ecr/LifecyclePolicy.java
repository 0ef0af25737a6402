package dev.platformimages.ecr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * An ECR lifecycle policy document, rendered from rules in priority order. ECR lets a rule expire only images
 * that no higher-priority rule's tag selection matched, which is what {@link #protect} relies on: a rule that
 * selects exactly the image one floating tag points to (and keeps one) shields it from every rule after it.
 */
public final class LifecyclePolicy {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<ObjectNode> rules = new ArrayList<>();

    /**
     * The policy for a platform image repository: the images the floating tags point to are never expired, the
     * newest {@code keepVersions} versions of {@code tag} are kept, drafts go after {@code draftDays} and
     * untagged images (what floating tags and deleted drafts leave behind) after {@code untaggedDays}.
     */
    public static LifecyclePolicy forPlatformImage(String tag, List<String> floatingTags, int keepVersions,
                                                   int draftDays, int untaggedDays) {
        requireAtLeastOne("platform.lifecycle.keepVersions", keepVersions, "versions");
        requireAtLeastOne("platform.lifecycle.draftDays", draftDays, "days");
        requireAtLeastOne("platform.lifecycle.untaggedDays", untaggedDays, "days");
        LifecyclePolicy policy = new LifecyclePolicy();
        for (String floating : floatingTags) {
            policy.protect(floating);
        }
        return policy
                .keepNewest(tag + "-", keepVersions, "Keep the newest " + keepVersions + " versions of " + tag + ".")
                .expireTaggedAfter("draft", draftDays, "Retire draft images.")
                .expireUntaggedAfter(untaggedDays, "Retire untagged images.");
    }

    private static void requireAtLeastOne(String parameter, int value, String unit) {
        if (value < 1) {
            throw new IllegalArgumentException(parameter + " is " + value + ": a lifecycle rule needs a count of at "
                    + "least 1 " + unit + " (ECR rejects 0, and 0 would expire what the rule is meant to keep)");
        }
    }

    /** Never expires the image {@code tag} points to (a rule that matches it and keeps the one image it can match). */
    public LifecyclePolicy protect(String tag) {
        ObjectNode selection = JSON.createObjectNode().put("tagStatus", "tagged");
        selection.putArray("tagPatternList").add(tag); // a pattern without '*' matches the tag exactly
        selection.put("countType", "imageCountMoreThan").put("countNumber", 1);
        return add("Never expire what " + tag + " points to.", selection);
    }

    /** Expires images with a tag starting with {@code prefix} beyond the newest {@code count}. */
    public LifecyclePolicy keepNewest(String prefix, int count, String description) {
        ObjectNode selection = JSON.createObjectNode().put("tagStatus", "tagged");
        selection.putArray("tagPrefixList").add(prefix);
        selection.put("countType", "imageCountMoreThan").put("countNumber", count);
        return add(description, selection);
    }

    /** Expires images with a tag starting with {@code prefix} pushed more than {@code days} days ago. */
    public LifecyclePolicy expireTaggedAfter(String prefix, int days, String description) {
        ObjectNode selection = JSON.createObjectNode().put("tagStatus", "tagged");
        selection.putArray("tagPrefixList").add(prefix);
        selection.put("countType", "sinceImagePushed").put("countUnit", "days").put("countNumber", days);
        return add(description, selection);
    }

    /** Expires untagged images pushed more than {@code days} days ago. */
    public LifecyclePolicy expireUntaggedAfter(int days, String description) {
        ObjectNode selection = JSON.createObjectNode().put("tagStatus", "untagged")
                .put("countType", "sinceImagePushed").put("countUnit", "days").put("countNumber", days);
        return add(description, selection);
    }

    private LifecyclePolicy add(String description, ObjectNode selection) {
        ObjectNode rule = JSON.createObjectNode().put("rulePriority", rules.size() + 1).put("description", description);
        rule.set("selection", selection);
        rule.putObject("action").put("type", "expire");
        rules.add(rule);
        return this;
    }

    public JsonNode tree() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("rules");
        rules.forEach(array::add);
        return root;
    }

    /** The policy text as PutLifecyclePolicy takes it, indented for people. */
    public String json() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code text} (a policy ECR returned) says the same as this policy, whatever its layout. */
    public boolean sameAs(String text) {
        try {
            return text != null && JSON.readTree(text).equals(tree());
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
