package dev.platformimages.decision;

import dev.platformimages.version.Bump;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** platform.baseChange and platform.bump as check-update reads them. */
class BaseChangeTest {

    @Test
    void baseChangeIsPlatformUnlessTagIsAsked() {
        assertEquals(BaseChange.PLATFORM, BaseChange.parse(null));
        assertEquals(BaseChange.PLATFORM, BaseChange.parse(" "));
        assertEquals(BaseChange.PLATFORM, BaseChange.parse("Platform"));
        assertEquals(BaseChange.TAG, BaseChange.parse(" tag "));
        assertEquals("platform.baseChange is 'digest': use platform or tag",
                assertThrows(IllegalArgumentException.class, () -> BaseChange.parse("digest")).getMessage());
    }

    @Test
    void anUnsetBumpLeavesItToTheReason() {
        assertNull(Bump.parseOptional(null));
        assertNull(Bump.parseOptional(""));
        assertEquals(Bump.MAJOR, Bump.parseOptional("MAJOR"));
        assertEquals("platform.bump is 'huge': use major, minor or patch (or leave it unset)",
                assertThrows(IllegalArgumentException.class, () -> Bump.parseOptional("huge")).getMessage());
    }
}
