package dev.platformimages.ecr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ECR's limit of 5 exclusion filters, and wildcards that never make a version tag, a draft or a claim mutable. */
class MutabilityExclusionsTest {

    private static final String TAG = "8.0-bookworm-slim";

    @Test
    void upToFiveFloatingTagsAreOneExactFilterEach() {
        assertEquals(List.of("latest", TAG, "8.0", "8", "lts"), MutabilityExclusions.of(TAG, List.of("latest", TAG, "8.0", "8", "lts")));
        assertEquals(List.of("latest", TAG), MutabilityExclusions.of(TAG, List.of("latest", TAG, "latest")), "duplicates once");
    }

    @Test
    void moreAreJoinedByTheLongestSafePrefix() {
        List<String> tags = List.of("latest", TAG, "team-a", "team-b", "team-c", "lts");
        List<String> filters = MutabilityExclusions.of(TAG, tags);
        assertEquals(List.of("latest", TAG, "team-*", "lts"), filters);
        assertEveryTagMovableAndNoVersionTag(tags, filters);
    }

    @Test
    void aJoinNeverCoversTheVersionTags() {
        // 8.0-bookworm-slim and 8.0-bookworm-slim-web share "8.0-bookworm-slim", but "8.0-bookworm-slim*" would match
        // 8.0-bookworm-slim-1.2.3, and "8.0*" too: those are never joined; 8.0-slim and 8.0-slim-web are.
        List<String> tags = List.of("latest", TAG, TAG + "-web", "8.0", "8.0-slim", "8.0-slim-web", "lts");
        List<String> filters = MutabilityExclusions.of(TAG, tags);
        assertEquals(List.of("l*", TAG, TAG + "-web", "8.0", "8.0-slim*"), filters);
        assertEveryTagMovableAndNoVersionTag(tags, filters);
    }

    @Test
    void whenNoSafeJoinExistsTheErrorSaysWhatToChange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MutabilityExclusions.of(TAG, List.of("latest", TAG, "a", "b", "c", "d")));
        assertTrue(e.getMessage().contains("need 6 ECR tag mutability exclusion filters, and ECR takes at most 5"), e.getMessage());
        assertTrue(e.getMessage().contains("platform.ecr.tagMutability=MUTABLE"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "8.0-bookworm-slim-w, true", "8.0-bookworm-slim-, false", "8.0-bookworm-slim-1, false", "8.0-bookworm-slim, false",
            "8.0, false", "8, false", "team-, true", "dra, false", "draft-x, false", "claim-, false", "cl, false", "lts, true",
    })
    void aPrefixIsSafeWhenItsWildcardMatchesNoVersionTagDraftOrClaim(String prefix, boolean safe) {
        assertEquals(safe, MutabilityExclusions.safe(prefix, TAG));
    }

    /** Each floating tag matches a filter; no version tag, rollback marker, draft or claim does. */
    private static void assertEveryTagMovableAndNoVersionTag(List<String> tags, List<String> filters) {
        assertTrue(filters.size() <= MutabilityExclusions.LIMIT, filters::toString);
        List<Pattern> patterns = new ArrayList<>();
        filters.forEach(f -> patterns.add(RegistryScanning.wildcard(f)));
        for (String tag : tags) {
            assertTrue(patterns.stream().anyMatch(p -> p.matcher(tag).matches()), tag + " movable by " + filters);
        }
        for (String fixed : List.of(TAG + "-1.0.0", TAG + "-12.3.45", TAG + "-1.0.0-rolled-back", "draft-1.0.0-0123456789ab",
                "claim-1.0.0-r1")) {
            assertFalse(patterns.stream().anyMatch(p -> p.matcher(fixed).matches()), fixed + " stays immutable under " + filters);
        }
    }
}
