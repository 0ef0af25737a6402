package dev.platformimages.step;

import dev.platformimages.packages.ApkIndexFile;
import dev.platformimages.packages.AptRelease;
import dev.platformimages.packages.AptSource;
import dev.platformimages.packages.InstalledPackage;
import dev.platformimages.packages.OpenPgpSignatures;
import dev.platformimages.packages.PackageIndex;
import dev.platformimages.packages.PackageInventory;
import dev.platformimages.packages.PackageManager;
import dev.platformimages.packages.PackageMirrors;
import dev.platformimages.packages.PackageSources;
import dev.platformimages.packages.PackageUpdates;
import dev.platformimages.packages.SourceFetcher;
import dev.platformimages.release.ReleaseLog;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Checks an image's packages against the package sources the image itself uses, verified as apt and apk verify
 * them: apt's {@code InRelease} against the keyring the source names (or {@code /etc/apt/trusted.gpg.d}), each
 * {@code Packages} index against the SHA-256 its Release lists; apk's {@code APKINDEX.tar.gz} against
 * {@code /etc/apk/keys}. A source whose signed file did not change since the image's release was checked is not read
 * again; each index is read once per build whatever the number of images that use it.
 */
public final class PackageSourceCheck {

    /** What the build read already: signed files and package indexes by URL. Shared by the build's modules. */
    public static final class Cache {
        final Map<String, Signed> signed = new ConcurrentHashMap<>();
        final Map<String, Map<String, String>> indexes = new ConcurrentHashMap<>();
    }

    /** A source's signed file: its hash, and its verified text (an apt Release), or why it failed. */
    record Signed(String sha256, String text, RuntimeException failure) {
    }

    /**
     * What a check found.
     *
     * @param updates  the packages newer in the sources, not counting the updates the release did not take
     * @param checked  each source's signed file and its hash, and every update the sources offer (for the release record)
     * @param problems why the check is not complete (a source that fails verification or cannot be reached): when
     *                 not empty, the check decides nothing
     * @param notes    what the check could not look at, which decides nothing either way (no sources, RPM)
     */
    public record Result(List<PackageUpdates.Update> updates, PackageInventory.SourcesChecked checked, List<String> problems,
                         List<String> notes) {
    }

    private final SourceFetcher fetcher;
    private final PackageMirrors mirrors;
    private final Cache cache;
    private final Path workDirectory;
    private final Clock clock;
    private final ReleaseLog log;

    public PackageSourceCheck(SourceFetcher fetcher, PackageMirrors mirrors, Cache cache, Path workDirectory, Clock clock,
                              ReleaseLog log) {
        this.fetcher = fetcher;
        this.mirrors = mirrors;
        this.cache = cache;
        this.workDirectory = workDirectory;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Checks {@code inventory}.
     *
     * @param skipUnchanged whether a source whose signed file is the one the inventory's last check saw is skipped
     *                      (a check for updates); false to read every source (the record of a release)
     */
    public Result check(PackageInventory inventory, boolean skipUnchanged) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        Map<String, PackageUpdates.Offer> offers = new LinkedHashMap<>();
        PackageInventory.SourcesChecked before = inventory.checked();
        PackageSources sources = inventory.sources();
        if (inventory.manager() == null) {
            notes.add(inventory.note());
        } else if (sources == null) {
            notes.add("the image's package sources were not read");
        } else if (sources.problem() != null) {
            problems.add("the image's package sources cannot be read: " + sources.problem());
        } else if (sources.isEmpty()) {
            notes.add("the image has no package sources (" + (inventory.manager() == PackageManager.DPKG
                    ? "/etc/apt/sources.list and sources.list.d are empty" : "/etc/apk/repositories is empty") + ")");
        } else {
            String architecture = nativeArchitecture(inventory);
            if (inventory.manager() == PackageManager.DPKG) {
                for (AptSource source : sources.apt()) {
                    apt(source, sources, architecture, before, skipUnchanged, seen, offers, problems);
                }
            } else {
                for (String repository : sources.apk()) {
                    apk(repository, sources, architecture, before, skipUnchanged, seen, offers, problems);
                }
            }
        }
        List<PackageUpdates.Update> all = PackageUpdates.outdated(inventory, offers, Map.of());
        List<PackageUpdates.Update> updates = PackageUpdates.outdated(inventory, offers,
                before == null ? Map.of() : before.notTaken());
        Map<String, String> offered = new LinkedHashMap<>(before == null ? Map.of() : before.notTaken());
        offered.putAll(PackageUpdates.versions(all));
        return new Result(problems.isEmpty() ? updates : List.of(), new PackageInventory.SourcesChecked(seen, offered),
                problems, notes);
    }

    private void apt(AptSource source, PackageSources sources, String architecture, PackageInventory.SourcesChecked before,
                     boolean skipUnchanged, Map<String, String> seen, Map<String, PackageUpdates.Offer> offers,
                     List<String> problems) {
        String name = SourceFetcher.display(source.uri()) + " " + source.suite();
        Map<String, byte[]> keyrings = keyrings(source, sources);
        if (keyrings == null) {
            problems.add("apt source " + name + " names keyring " + source.signedBy() + ", which the image does not have");
            return;
        }
        Signed signed = signed(source.inReleaseUrl(), keyrings, bytes -> OpenPgpSignatures.verifyClearSigned(bytes, keyrings));
        if (signed.failure() != null) {
            problems.add("apt source " + name + ": " + signed.failure().getMessage());
            return;
        }
        seen.put(source.inReleaseUrl(), signed.sha256());
        if (skipUnchanged && before != null && signed.sha256().equals(before.indexes().get(source.inReleaseUrl()))) {
            log.detail("apt source " + name + ": InRelease unchanged since the release was checked");
            return;
        }
        AptRelease release = AptRelease.parse(signed.text());
        if (release.expiredAt(clock.instant())) {
            problems.add("apt source " + name + ": its Release expired (Valid-Until " + release.validUntil()
                    + "), as apt would refuse it: the source or its mirror is stale");
            return;
        }
        List<String> architectures = source.architectures().isEmpty() ? List.of(architecture) : source.architectures();
        List<String> components = source.components().isEmpty() ? java.util.Collections.singletonList(null) : source.components();
        for (String component : components) {
            for (String arch : architectures) {
                var file = release.packages(component, arch);
                if (file.isEmpty()) {
                    continue; // the suite has no such index (a component without packages for this architecture)
                }
                String url = source.suiteUrl() + file.get().path();
                String from = name + (component == null ? "" : "/" + component);
                try {
                    Map<String, String> newest = index(url, file.get().sha256(), in -> {
                        try {
                            return PackageIndex.debian(decompressed(in, url));
                        } catch (IOException e) {
                            throw new IllegalArgumentException("it is not a readable package index: " + e.getMessage(), e);
                        }
                    });
                    newest.forEach((pkg, version) -> offer(offers, pkg, version, from, PackageManager.DPKG));
                } catch (RuntimeException e) {
                    problems.add("apt source " + from + ": " + SourceFetcher.display(url) + " " + e.getMessage());
                }
            }
        }
    }

    private void apk(String repository, PackageSources sources, String architecture, PackageInventory.SourcesChecked before,
                     boolean skipUnchanged, Map<String, String> seen, Map<String, PackageUpdates.Offer> offers,
                     List<String> problems) {
        String base = repository.endsWith("/") ? repository : repository + "/";
        String url = base + architecture + "/APKINDEX.tar.gz";
        String name = SourceFetcher.display(repository);
        Map<String, byte[]> keys = sources.keysIn("/etc/apk/keys/");
        Signed signed = signed(url, keys, bytes -> ApkIndexFile.verify(bytes, keys));
        if (signed.failure() != null) {
            problems.add("apk repository " + name + ": " + signed.failure().getMessage());
            return;
        }
        seen.put(url, signed.sha256());
        if (skipUnchanged && before != null && signed.sha256().equals(before.indexes().get(url))) {
            return;
        }
        PackageIndex.alpine(signed.text()).forEach((pkg, version) -> offer(offers, pkg, version, name, PackageManager.APK));
    }

    private static void offer(Map<String, PackageUpdates.Offer> offers, String pkg, String version, String from,
                              PackageManager manager) {
        offers.merge(pkg, new PackageUpdates.Offer(version, from),
                (a, b) -> manager.versionOrder().compare(a.version(), b.version()) >= 0 ? a : b);
    }

    /**
     * The signed file at {@code url}, fetched and verified once per build for each set of keys (two images that use
     * one source may trust different keys: each verdict holds only for the keys it was reached with).
     */
    private Signed signed(String url, Map<String, byte[]> keys, Function<byte[], String> verify) {
        StringBuilder trusted = new StringBuilder(url);
        new java.util.TreeMap<>(keys).forEach((path, bytes) -> trusted.append('|').append(path).append('=').append(sha256(bytes)));
        return cache.signed.computeIfAbsent(trusted.toString(), k -> {
            String u = url;
            String fetchFrom = mirrors.fetchFrom(u);
            try {
                byte[] bytes = fetcher.get(fetchFrom).orElseThrow(() -> new IllegalArgumentException(
                        SourceFetcher.display(fetchFrom) + " does not exist (404)"
                                + (u.endsWith("InRelease") ? ": sources without an InRelease (only Release and Release.gpg) are not checked" : "")));
                return new Signed(sha256(bytes), verify.apply(bytes), null);
            } catch (IllegalArgumentException | SourceFetcher.SourceException e) {
                String message = e instanceof SourceFetcher.SourceException ? e.getMessage()
                        + ": reach it, map it to a mirror with platform.packages.mirrors, or set platform.packages.checkUpdates=false"
                        : SourceFetcher.display(fetchFrom) + " failed verification: " + e.getMessage();
                return new Signed(null, null, new IllegalArgumentException(message, e));
            }
        });
    }

    /** The newest versions of an index, read once per build, its bytes checked against the hash its Release lists. */
    private Map<String, String> index(String url, String sha256, Function<InputStream, Map<String, String>> parse) {
        String key = url + "@" + sha256;
        Map<String, String> known = cache.indexes.get(key);
        if (known != null) {
            return known;
        }
        String fetchFrom = mirrors.fetchFrom(url);
        Path file = null;
        try {
            Files.createDirectories(workDirectory);
            file = Files.createTempFile(workDirectory, "index-", ".tmp");
            if (!fetcher.download(fetchFrom, file)) {
                throw new IllegalArgumentException("is listed by its Release but does not exist (404)");
            }
            // Verified before a byte of it is parsed.
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(sha256)) {
                throw new IllegalArgumentException("failed verification: its SHA-256 is " + actual + ", its Release lists " + sha256);
            }
            Map<String, String> newest;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
                newest = parse.apply(in);
            }
            cache.indexes.put(key, newest);
            return newest;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("cannot be read: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file in target/
                }
            }
        }
    }

    private static InputStream decompressed(InputStream in, String url) throws IOException {
        if (url.endsWith(".xz")) {
            return new XZCompressorInputStream(in);
        }
        if (url.endsWith(".gz")) {
            return new GZIPInputStream(in, 64 * 1024);
        }
        return in;
    }

    /** The keyrings an apt source trusts; null when it names a file the image does not have. */
    private static Map<String, byte[]> keyrings(AptSource source, PackageSources sources) {
        if (source.signedBy() == null) {
            Map<String, byte[]> trusted = new LinkedHashMap<>(sources.keysIn("/etc/apt/trusted.gpg.d/"));
            byte[] legacy = sources.key("/etc/apt/trusted.gpg");
            if (legacy != null) {
                trusted.put("/etc/apt/trusted.gpg", legacy);
            }
            return trusted;
        }
        if (source.signedBy().contains("BEGIN PGP")) {
            return Map.of("the key written in its Signed-By", source.signedBy().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] key = sources.key(source.signedBy());
        return key == null ? null : Map.of(source.signedBy(), key);
    }

    /** The architecture most of the image's packages are built for (dpkg's native one; apk's arch). */
    static String nativeArchitecture(PackageInventory inventory) {
        Map<String, Integer> count = new LinkedHashMap<>();
        for (InstalledPackage p : inventory.packages()) {
            if (!p.architecture().isEmpty() && !p.architecture().equals("all") && !p.architecture().equals("noarch")) {
                count.merge(p.architecture(), 1, Integer::sum);
            }
        }
        return count.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("amd64");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
