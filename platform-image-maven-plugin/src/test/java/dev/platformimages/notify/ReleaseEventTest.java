package dev.platformimages.notify;

import dev.platformimages.decision.UpdateReason;
import dev.platformimages.release.ReleaseState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReleaseEventTest {

    @Test
    void aReleaseCarriesWhatPushMovedHowLongItTookAndTheEcrConsolePage() {
        ReleaseEvent event = Events.released();
        assertEquals(ReleaseEvent.Outcome.RELEASED, event.outcome());
        assertEquals(List.of("latest", "8.0-bookworm-slim"), event.floatingTags());
        assertEquals(Duration.ofSeconds(125), event.duration());
        assertEquals("2 min 5 s", event.durationText());
        assertEquals("https://eu-west-1.console.aws.amazon.com/ecr/repositories/private/123456789012/platform/dotnet-runtime"
                + "?region=eu-west-1", event.consoleUrl());
        assertEquals("Released platform/dotnet-runtime:8.0-bookworm-slim-1.3.1", event.title());
        assertNull(event.forcedBy(), "not forced");
    }

    @Test
    void aForcedReleaseNamesWhoStartedTheCiRun() {
        ReleaseState state = Events.published();
        state.reason = UpdateReason.FORCED;
        assertEquals("alice", ReleaseEvent.released(state, Events.GITHUB, Events.NOW).forcedBy());
        assertNull(ReleaseEvent.released(state, null, Events.NOW).forcedBy(), "outside CI nobody is named");
    }

    @Test
    void aFailureBeforePushSaysNothingWasPublished() {
        ReleaseEvent event = Events.failedIntegrationTest();
        assertEquals("Nothing was published.", event.failure().published());
        assertEquals("Release of platform/dotnet-runtime:8.0-bookworm-slim-1.3.1 failed at integration test", event.title());
    }

    @Test
    void aFailureDuringPushSaysExactlyWhichTagsWereMoved() {
        ReleaseState state = Events.published();
        state.movedTags = List.of("latest");
        ReleaseEvent event = ReleaseEvent.failed(state.registry, state.repository, state.tag, state, "push",
                "could not move 8.0-bookworm-slim", List.of(), null, Events.NOW);
        assertEquals("Published 8.0-bookworm-slim-1.3.1 (sha256:cafe); floating tags moved: latest; not moved: "
                + "8.0-bookworm-slim.", event.failure().published());
    }

    @Test
    void aStateOfAnotherImageIsNotReportedAsThisOnesProgress() {
        ReleaseState other = Events.published();
        ReleaseEvent event = ReleaseEvent.failed(other.registry, "platform/node", "20", other, "check",
                "upstream node:20 not found", List.of(), null, Events.NOW);
        assertEquals("Nothing was published.", event.failure().published());
        assertNull(event.versionTag());
        assertEquals("Release of platform/node (20) failed at check", event.title());
    }

    @Test
    void onlyEcrHostsGetAConsoleLink() {
        assertEquals("https://cn-north-1.console.amazonaws.cn/ecr/repositories/private/123456789012/a/b?region=cn-north-1",
                EcrConsole.repositoryPage("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", "a/b"));
        assertEquals("https://us-east-1.console.aws.amazon.com/ecr/repositories/private/123456789012/x?region=us-east-1",
                EcrConsole.repositoryPage("123456789012.dkr.ecr-fips.us-east-1.amazonaws.com", "x"));
        assertNull(EcrConsole.repositoryPage("127.0.0.1:5000", "x"));
        assertNull(EcrConsole.repositoryPage("ghcr.io", "x"));
    }
}
