package dev.platformimages.ecr;

import dev.platformimages.release.ReleaseTags;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The tag mutability exclusion filters that keep a repository's floating tags movable under
 * IMMUTABLE_WITH_EXCLUSION. ECR takes at most {@value #LIMIT} filters per repository (the API model's limit), of type
 * WILDCARD: a filter without {@code *} names one tag, whole (AWS's user guide: "enter tag names or use wildcards (*)
 * to match multiple similar tags"). One filter per floating tag while they fit; beyond that, tags sharing a prefix
 * are joined into {@code prefix*}, longest prefix first, but only where that pattern can match no tag this plugin
 * needs immutable: a version tag {@code TAG-MAJOR.MINOR.PATCH} (or its rollback marker), a draft or a claim.
 * Pure.
 */
public final class MutabilityExclusions {

    public static final int LIMIT = 5;

    private MutabilityExclusions() {
    }

    /**
     * The filters for {@code floatingTags} of the version tag prefix {@code versionTagPrefix}.
     *
     * @throws IllegalArgumentException when they need more than {@value #LIMIT} filters and cannot be joined safely;
     *                                  the message says what to change
     */
    public static List<String> of(String versionTagPrefix, List<String> floatingTags) {
        List<String> filters = new ArrayList<>(new LinkedHashSet<>(floatingTags));
        while (filters.size() > LIMIT) {
            String best = null;
            for (int i = 0; i < filters.size(); i++) {
                for (int j = i + 1; j < filters.size(); j++) {
                    String prefix = commonPrefix(stem(filters.get(i)), stem(filters.get(j)));
                    if (!prefix.isEmpty() && safe(prefix, versionTagPrefix) && (best == null || prefix.length() > best.length())) {
                        best = prefix;
                    }
                }
            }
            if (best == null) {
                throw new IllegalArgumentException("the floating tags " + String.join(", ", floatingTags) + " need "
                        + filters.size() + " ECR tag mutability exclusion filters, and ECR takes at most " + LIMIT + " per "
                        + "repository; no wildcard can join them without also making version tags (" + versionTagPrefix
                        + "-X.Y.Z), drafts or claims mutable. Give fewer platform.extraTags, or extra tags that share a "
                        + "prefix (team-a, team-b: team-*), or set platform.ecr.tagMutability=MUTABLE (the plugin never "
                        + "moves a version tag itself)");
            }
            String joined = best;
            int at = -1;
            List<String> next = new ArrayList<>();
            for (String filter : filters) {
                if (stem(filter).startsWith(joined)) {
                    if (at < 0) {
                        at = next.size();
                        next.add(joined + "*");
                    }
                } else {
                    next.add(filter);
                }
            }
            filters = next;
        }
        return filters;
    }

    /**
     * Whether {@code prefix*} matches no tag that must stay immutable: no version tag of {@code versionTagPrefix}
     * (nor its rollback marker, which starts like one), no draft and no claim.
     */
    static boolean safe(String prefix, String versionTagPrefix) {
        if (compatible(prefix, ReleaseTags.DRAFT_PREFIX) || compatible(prefix, ReleaseTags.CLAIM_PREFIX)) {
            return false;
        }
        if (versionTagPrefix == null) {
            return true;
        }
        String versions = versionTagPrefix + "-";
        if (versions.startsWith(prefix)) {
            return false; // TAG-1.0.0 starts with it
        }
        // Past "TAG-", a version begins with a digit: TAG-x* cannot match one, TAG-1* can.
        return !(prefix.startsWith(versions) && Character.isDigit(prefix.charAt(versions.length())));
    }

    /** Whether some tag can start with both: one is a prefix of the other. */
    private static boolean compatible(String a, String b) {
        return a.startsWith(b) || b.startsWith(a);
    }

    private static String stem(String filter) {
        return filter.endsWith("*") ? filter.substring(0, filter.length() - 1) : filter;
    }

    private static String commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return a.substring(0, n);
    }
}
