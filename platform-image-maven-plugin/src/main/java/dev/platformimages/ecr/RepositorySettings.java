package dev.platformimages.ecr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How an ECR repository is created (and, with {@code manage}, kept): scan on push, tag mutability, encryption and
 * resource tags. Validated when built, so that a bad value fails before any call changes anything.
 */
public record RepositorySettings(boolean scanOnPush, String tagMutability, List<String> mutableTags, String encryption,
                                 String kmsKey, Map<String, String> resourceTags, boolean manage, String versionTagPrefix) {

    private static final List<String> MUTABILITIES = List.of("IMMUTABLE_WITH_EXCLUSION", "MUTABLE", "IMMUTABLE");
    private static final Pattern KMS_ARN = Pattern.compile(
            "arn:aws(-cn|-us-gov|-iso|-iso-b)?:kms:[a-z0-9-]+:\\d{12}:(key/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|key/mrk-[0-9a-f]{32}|alias/[A-Za-z0-9/_-]+)");
    /** What ECR accepts besides an ARN: a key id (or multi-Region key id) or an alias name. */
    private static final Pattern KMS_ID_OR_ALIAS = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias/[A-Za-z0-9/_-]{1,250}");
    private static final Pattern TAG_FILTER = Pattern.compile("[0-9a-zA-Z._*-]{1,128}");

    /**
     * @param mutability  IMMUTABLE_WITH_EXCLUSION (default when blank), MUTABLE or IMMUTABLE
     * @param mutableTags the floating tags, excluded from immutability under IMMUTABLE_WITH_EXCLUSION
     * @param encryption  AES256 (default when blank) or KMS; KMS when a key is given
     * @param kmsKey      a KMS key ARN or alias ARN, or blank for the AWS managed key
     * @param tags        resource tags as {@code key=value,key=value}, or blank
     */
    public static RepositorySettings of(boolean scanOnPush, String mutability, List<String> mutableTags, String encryption,
                                        String kmsKey, String tags, boolean manage) {
        return of(scanOnPush, mutability, mutableTags, encryption, kmsKey, tags, manage, null);
    }

    /** As above, for the version tags {@code versionTagPrefix-X.Y.Z}, which no exclusion filter may match. */
    public static RepositorySettings of(boolean scanOnPush, String mutability, List<String> mutableTags, String encryption,
                                        String kmsKey, String tags, boolean manage, String versionTagPrefix) {
        String m = blank(mutability) ? MUTABILITIES.get(0) : mutability.trim().toUpperCase(Locale.ROOT);
        if (!MUTABILITIES.contains(m)) {
            throw new IllegalArgumentException("platform.ecr.tagMutability is '" + mutability + "': use "
                    + String.join(", ", MUTABILITIES) + " (version tags immutable, floating tags movable)");
        }
        for (String tag : mutableTags) {
            if (!TAG_FILTER.matcher(tag).matches()) {
                throw new IllegalArgumentException("floating tag '" + tag + "' cannot be an ECR tag mutability exclusion");
            }
        }
        String key = blank(kmsKey) ? null : kmsKey.trim();
        String enc = blank(encryption) ? (key == null ? "AES256" : "KMS") : encryption.trim().toUpperCase(Locale.ROOT);
        if (!enc.equals("AES256") && !enc.equals("KMS")) {
            throw new IllegalArgumentException("platform.ecr.encryption is '" + encryption + "': use AES256 or KMS");
        }
        if (key != null) {
            if (enc.equals("AES256")) {
                throw new IllegalArgumentException("platform.ecr.kmsKey is set but platform.ecr.encryption is AES256: "
                        + "a KMS key needs encryption KMS");
            }
            if (!KMS_ARN.matcher(key).matches() && !KMS_ID_OR_ALIAS.matcher(key).matches()) {
                throw new IllegalArgumentException("platform.ecr.kmsKey is '" + key + "': give the key as ECR takes it: "
                        + "its ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY-ID), its key id (1234abcd-12ab-34cd-56ef-1234567890ab), "
                        + "an alias name (alias/NAME) or an alias ARN (arn:aws:kms:REGION:ACCOUNT:alias/NAME)");
            }
        }
        return new RepositorySettings(scanOnPush, m, List.copyOf(mutableTags), enc, key, parseTags(tags), manage,
                versionTagPrefix);
    }

    private static Map<String, String> parseTags(String tags) {
        Map<String, String> parsed = new LinkedHashMap<>();
        if (blank(tags)) {
            return parsed;
        }
        for (String pair : tags.split(",")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? "" : pair.substring(0, eq).trim();
            if (k.isEmpty() || k.length() > 128) {
                throw new IllegalArgumentException("platform.ecr.repositoryTags has '" + pair.trim()
                        + "': write key=value pairs separated by commas, e.g. team=platform,cost-center=42");
            }
            String v = pair.substring(eq + 1).trim();
            if (v.length() > 256) {
                throw new IllegalArgumentException("platform.ecr.repositoryTags has a value of " + v.length() + " characters "
                        + "for '" + k + "': AWS takes tag values of at most 256 characters");
            }
            if (k.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw new IllegalArgumentException("platform.ecr.repositoryTags has the key '" + k + "': the aws: prefix "
                        + "is reserved for AWS's own tags");
            }
            parsed.put(k, v);
        }
        return parsed;
    }

    /**
     * The exclusion filters that keep the floating tags movable under IMMUTABLE_WITH_EXCLUSION (at most 5, joined
     * into wildcards where that is safe: {@link MutabilityExclusions}), none otherwise.
     *
     * @throws IllegalArgumentException when the floating tags cannot be covered by 5 safe filters
     */
    public List<String> exclusions() {
        return tagMutability.equals("IMMUTABLE_WITH_EXCLUSION") ? MutabilityExclusions.of(versionTagPrefix, mutableTags)
                : new ArrayList<>();
    }

    /** Why these settings will hurt, or null: IMMUTABLE lets each floating tag be set once only. */
    public String warning() {
        return tagMutability.equals("IMMUTABLE") ? "tag mutability IMMUTABLE: latest and the other floating tags can be "
                + "set once only, so the next release will fail to move them (IMMUTABLE_WITH_EXCLUSION keeps version tags "
                + "immutable and lets the floating tags move)" : null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
