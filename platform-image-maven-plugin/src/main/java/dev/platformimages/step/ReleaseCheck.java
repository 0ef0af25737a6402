package dev.platformimages.step;

import dev.platformimages.decision.UpdateDecider;
import dev.platformimages.decision.UpdateDecision;
import dev.platformimages.decision.UpdateReason;
import dev.platformimages.image.RegistryMirrors;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseTarget;
import dev.platformimages.version.Bump;
import dev.platformimages.version.VersionTag;

import java.util.List;
import java.util.function.Supplier;

/**
 * The whole decision for one image, as check-update and plan make it: the bases, definition and published versions
 * ({@link UpdateChecker}), then, for an image otherwise up to date, its packages against its own sources
 * ({@link StalePackages}), and, for a release, the upstream versions of the bases that moved, for the release notes.
 */
public final class ReleaseCheck {

    /** How one image is decided: the goal's parameters. */
    public record Options(boolean force, Bump bump, boolean tagDigestCounts, RegistryMirrors mirrors, boolean checkPackages) {
    }

    private final RegistryClient readAhead;
    private final UpdateChecker checker;
    private final Supplier<StalePackages> stalePackages;

    /**
     * @param readAhead     the client the reactor's read-ahead answers through, or the image's own
     * @param checker       the update checker reading through {@code readAhead}
     * @param stalePackages the package check, made only for an image it checks
     */
    public ReleaseCheck(RegistryClient readAhead, UpdateChecker checker, Supplier<StalePackages> stalePackages) {
        this.readAhead = readAhead;
        this.checker = checker;
        this.stalePackages = stalePackages;
    }

    public ReleaseState decide(ImageDefinition definition, ReleaseTarget target, Options options) {
        ReleaseState state = checker.check(definition, target, options.force(), options.bump(), options.tagDigestCounts(),
                options.mirrors());
        if (state.reason == UpdateReason.UP_TO_DATE && state.previousVersionTag != null && options.checkPackages()) {
            List<String> updates = stalePackages.get().updates(state);
            UpdateDecision upToDate = new UpdateDecision(UpdateReason.UP_TO_DATE, state.explanation,
                    VersionTag.parse(state.tag, state.previousVersionTag).orElseThrow(), null, List.of());
            UpdateDecision decision = new UpdateDecider().checkPackages(upToDate, options.bump(), updates);
            if (decision.reason() == UpdateReason.PACKAGES_OUTDATED) {
                state.packagesOutdated(decision.explanation(), decision.changes(), decision.next().orElseThrow().tag(),
                        decision.next().orElseThrow().version().toString());
            }
        }
        if (state.reason == UpdateReason.BASE_CHANGED || state.reason == UpdateReason.FORCED
                || state.reason == UpdateReason.DEFINITION_CHANGED) {
            state.changes.addAll(new UpstreamVersions(readAhead).changes(state));
        }
        return state;
    }
}
