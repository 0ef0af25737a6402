package dev.platformimages.step;

import dev.platformimages.packages.ApkIndexes;
import dev.platformimages.packages.InstalledPackage;
import dev.platformimages.packages.PackageInventory;
import dev.platformimages.packages.PackageManager;
import dev.platformimages.packages.PackageMirrors;
import dev.platformimages.packages.PackageSources;
import dev.platformimages.packages.PackageUpdates;
import dev.platformimages.packages.SourceFetcher;
import dev.platformimages.release.ReleaseLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackageSourceCheckTest {

    private static final String REPOSITORY = "https://dl-cdn.alpinelinux.org/alpine/v3.20/main";
    private static final String INDEX_URL = REPOSITORY + "/x86_64/APKINDEX.tar.gz";
    private static final String KEY = "/etc/apk/keys/alpine.rsa.pub";

    @TempDir
    Path work;

    /** Serves files by URL and records what was asked for. */
    static final class FakeFetcher implements SourceFetcher {
        final Map<String, byte[]> files = new HashMap<>();
        final List<String> asked = new ArrayList<>();
        boolean unreachable;

        @Override
        public Optional<byte[]> get(String url) {
            asked.add(url);
            if (unreachable) {
                throw new SourceException("cannot reach " + SourceFetcher.display(url) + ": ConnectException", null);
            }
            return Optional.ofNullable(files.get(url));
        }

        @Override
        public boolean download(String url, Path file) {
            Optional<byte[]> bytes = get(url);
            bytes.ifPresent(b -> {
                try {
                    Files.write(file, b);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            return bytes.isPresent();
        }
    }

    private final FakeFetcher fetcher = new FakeFetcher();
    private final List<String> log = new ArrayList<>();
    private final ReleaseLog releaseLog = new ReleaseLog() {
        @Override
        public void info(String line) {
            log.add(line);
        }

        @Override
        public void warn(String line) {
            log.add(line);
        }
    };

    private PackageInventory alpine(String repository) {
        return new PackageInventory(PackageManager.APK, List.of(new InstalledPackage("musl", "1.2.5-r0", "musl", null, "x86_64"),
                new InstalledPackage("busybox", "1.36.1-r29", "busybox", null, "x86_64")), null,
                new PackageSources(List.of(), List.of(repository),
                        Map.of(KEY, Base64.getEncoder().encodeToString(ApkIndexes.publicKeyPem(ApkIndexes.KEY)))), null);
    }

    private PackageSourceCheck check(PackageSourceCheck.Cache cache, PackageMirrors mirrors) {
        return new PackageSourceCheck(fetcher, mirrors, cache, work, Clock.systemUTC(), releaseLog);
    }

    private void publish(String url, String index) {
        fetcher.files.put(url, ApkIndexes.signed(index, ApkIndexes.KEY, "alpine.rsa.pub", true));
    }

    @Test
    void aNewerVersionInTheImagesRepositoryIsAnUpdateAndEachIndexIsReadOncePerBuild() {
        publish(INDEX_URL, "P:musl\nV:1.2.5-r1\nA:x86_64\n\nP:busybox\nV:1.36.1-r29\nA:x86_64\n");
        PackageSourceCheck.Cache cache = new PackageSourceCheck.Cache();
        PackageSourceCheck.Result result = check(cache, PackageMirrors.NONE).check(alpine(REPOSITORY), true);
        assertEquals(List.of(new PackageUpdates.Update("musl", "1.2.5-r0", "1.2.5-r1", REPOSITORY)), result.updates());
        assertEquals(List.of(), result.problems());
        assertEquals(Map.of("musl", "1.2.5-r1"), result.checked().notTaken());

        check(cache, PackageMirrors.NONE).check(alpine(REPOSITORY), true);
        assertEquals(List.of(INDEX_URL), fetcher.asked, "a second image of the build reads nothing again");
    }

    @Test
    void anIndexUnchangedSinceTheReleaseWasCheckedDecidesNothingAndUpdatesNotTakenAreNotAskedForAgain() {
        publish(INDEX_URL, "P:musl\nV:1.2.5-r1\nA:x86_64\n");
        PackageSourceCheck.Result atRelease = check(new PackageSourceCheck.Cache(), PackageMirrors.NONE).check(alpine(REPOSITORY), false);
        PackageInventory released = alpine(REPOSITORY).withChecked(atRelease.checked());

        PackageSourceCheck.Result same = check(new PackageSourceCheck.Cache(), PackageMirrors.NONE).check(released, true);
        assertEquals(List.of(), same.updates(), "the index did not change since the release");

        publish(INDEX_URL, "P:musl\nV:1.2.5-r1\nA:x86_64\n\nP:zlib\nV:1.3.1-r0\nA:x86_64\n");
        assertEquals(List.of(), check(new PackageSourceCheck.Cache(), PackageMirrors.NONE).check(released, true).updates(),
                "a changed index with the same musl the release did not take");

        publish(INDEX_URL, "P:musl\nV:1.2.5-r2\nA:x86_64\n");
        assertEquals(List.of(new PackageUpdates.Update("musl", "1.2.5-r0", "1.2.5-r2", REPOSITORY)),
                check(new PackageSourceCheck.Cache(), PackageMirrors.NONE).check(released, true).updates());
    }

    @Test
    void aMirrorIsFetchedInsteadOfTheSourceAndTheSourceIsStillNamed() {
        publish("https://proxy.example.com/alpine/v3.20/main/x86_64/APKINDEX.tar.gz", "P:musl\nV:1.2.5-r1\nA:x86_64\n");
        PackageSourceCheck.Result result = check(new PackageSourceCheck.Cache(),
                PackageMirrors.parse("https://dl-cdn.alpinelinux.org/alpine=https://proxy.example.com/alpine"))
                .check(alpine(REPOSITORY), true);
        assertEquals(1, result.updates().size(), result.toString());
        assertEquals(REPOSITORY, result.updates().get(0).from());
        assertTrue(result.checked().indexes().containsKey(INDEX_URL), "recorded by the source's own URL");
    }

    @Test
    void anUnreachableSourceIsAProblemThatSaysTheWayOutAndDecidesNothing() {
        fetcher.unreachable = true;
        PackageSourceCheck.Result result = check(new PackageSourceCheck.Cache(), PackageMirrors.NONE)
                .check(alpine("https://user:t0ken@apk.example.com/main"), true);
        assertEquals(List.of(), result.updates());
        assertEquals(1, result.problems().size());
        String problem = result.problems().get(0);
        assertTrue(problem.contains("platform.packages.mirrors") && problem.contains("platform.packages.checkUpdates=false"), problem);
        assertFalse(problem.contains("t0ken"), problem);
    }

    @Test
    void aTamperedIndexIsAProblemNamingTheRepository() {
        byte[] file = ApkIndexes.signed("P:musl\nV:1.2.5-r9\nA:x86_64\n", ApkIndexes.KEY, "alpine.rsa.pub", true);
        file[file.length - 12] ^= 1;
        fetcher.files.put(INDEX_URL, file);
        PackageSourceCheck.Result result = check(new PackageSourceCheck.Cache(), PackageMirrors.NONE).check(alpine(REPOSITORY), true);
        assertEquals(List.of(), result.updates());
        assertTrue(result.problems().get(0).startsWith("apk repository " + REPOSITORY + ": " + INDEX_URL + " failed verification"),
                result.problems().toString());
    }

    @Test
    void imagesWithoutSourcesOrAManagerAreNotesNotProblems() {
        PackageSourceCheck check = check(new PackageSourceCheck.Cache(), PackageMirrors.NONE);
        assertEquals(List.of("the image has an RPM database"), check.check(new PackageInventory(null, List.of(),
                "the image has an RPM database"), true).notes());
        PackageSourceCheck.Result none = check.check(new PackageInventory(PackageManager.DPKG, List.of(), null,
                new PackageSources(List.of(), List.of(), Map.of()), null), true);
        assertTrue(none.notes().get(0).startsWith("the image has no package sources"), none.toString());
        assertEquals(List.of(), fetcher.asked);
    }
}
