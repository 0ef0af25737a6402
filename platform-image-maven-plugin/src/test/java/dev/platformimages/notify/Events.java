package dev.platformimages.notify;

import dev.platformimages.decision.UpdateReason;
import dev.platformimages.packages.InstalledPackage;
import dev.platformimages.packages.PackageInventory;
import dev.platformimages.packages.PackageManager;
import dev.platformimages.packages.PackageReport;
import dev.platformimages.release.ReleaseState.PassedCheck;
import dev.platformimages.release.ReleaseState;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Release states and events as the goals leave them, for the notification tests. */
final class Events {

    static final Instant STARTED = Instant.parse("2026-11-23T06:00:00Z");
    static final Instant NOW = STARTED.plusSeconds(125);
    static final CiRun GITHUB = new CiRun("GitHub Actions", "https://github.com/acme/platform-images/actions/runs/42",
            "alice", "workflow_dispatch");

    private Events() {
    }

    /** A base change of the .NET runtime image to ECR, tested and fully pushed. */
    static ReleaseState published() {
        ReleaseState state = new ReleaseState();
        state.registry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
        state.repository = "platform/dotnet-runtime";
        state.tag = "8.0-bookworm-slim";
        state.reason = UpdateReason.BASE_CHANGED;
        state.explanation = "base mcr.microsoft.com/dotnet/runtime:8.0-bookworm-slim changed: 8.0-bookworm-slim-1.3.0 -> 8.0-bookworm-slim-1.3.1";
        state.changes = List.of("base mcr.microsoft.com/dotnet/runtime:8.0-bookworm-slim changed from sha256:aaaa to sha256:bbbb");
        state.previousVersionTag = "8.0-bookworm-slim-1.3.0";
        state.versionTag = "8.0-bookworm-slim-1.3.1";
        state.version = "1.3.1";
        state.startedAt = STARTED.toString();
        state.tested = true;
        state.checks = List.of(new PassedCheck("self-test: /bin/sh -c test \"$(id -u)\" = 1000", 412),
                new PassedCheck("integration test: POST /MyService -> 200 containing 'Red'", 1310));
        state.publishedDigest = "sha256:cafe";
        state.floatingTags = List.of("latest", "8.0-bookworm-slim");
        state.movedTags = List.of("latest", "8.0-bookworm-slim");
        state.packages = packages();
        state.findings = new dev.platformimages.release.FindingsChange(
                List.of("HIGH CVE-2025-9230 in libssl3 3.0.15-1~deb12u1"), List.of(), null);
        return state;
    }

    /** The base's Debian packages moved: two security updates, a dozen other upgrades, one package added. */
    static PackageReport packages() {
        List<InstalledPackage> before = new java.util.ArrayList<>();
        List<InstalledPackage> after = new java.util.ArrayList<>();
        before.add(new InstalledPackage("libssl3", "3.0.15-1~deb12u1", "openssl", null, "amd64"));
        after.add(new InstalledPackage("libssl3", "3.0.17-1~deb12u2", "openssl", null, "amd64"));
        before.add(new InstalledPackage("libc6", "2.36-9+deb12u9", "glibc", null, "amd64"));
        after.add(new InstalledPackage("libc6", "2.36-9+deb12u10", "glibc", null, "amd64"));
        for (int i = 1; i <= 12; i++) {
            before.add(new InstalledPackage("libexample" + i, "1.0-1", "example", null, "amd64"));
            after.add(new InstalledPackage("libexample" + i, "1.0-2", "example", null, "amd64"));
        }
        after.add(new InstalledPackage("tzdata", "2025b-0+deb12u1", "tzdata", null, "all"));
        return PackageReport.between(Map.of("linux/amd64", new PackageInventory(PackageManager.DPKG, before, null)),
                Map.of("linux/amd64", new PackageInventory(PackageManager.DPKG, after, null)));
    }

    static ReleaseEvent released() {
        return ReleaseEvent.released(published(), GITHUB, NOW);
    }

    /** The same release failing its integration test, before anything was pushed. */
    static ReleaseEvent failedIntegrationTest() {
        ReleaseState state = published();
        state.tested = false;
        state.checks = List.of(state.checks.get(0));
        state.publishedDigest = null;
        state.movedTags = List.of();
        return ReleaseEvent.failed(state.registry, state.repository, state.tag, state, "integration test",
                "integration test failed: POST /MyService -> 200 containing 'Red': expected HTTP 200, got 500",
                List.of("Unhandled exception. System.InvalidOperationException: boom", "   at Program.<Main>$(String[] args)"),
                null, NOW);
    }
}
