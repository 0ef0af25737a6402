package dev.platformimages.release;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One release of a repository at a time on this machine: two schedulers firing at once must not both publish
 * the same version. Taken by check-update once it decided to publish and held until the build's JVM exits (the
 * operating system releases it then, also after a crash). Builds on other machines are kept apart by push's
 * check-and-set on the version tag.
 */
public final class ReleaseLock {

    /** Locks this JVM holds, by repository: a reactor or a later goal of the same build may ask again. */
    private static final Map<String, FileLock> HELD = new ConcurrentHashMap<>();

    private ReleaseLock() {
    }

    /** Takes the lock of {@code registry/repository} in {@code directory}, or fails naming the other build's lock file. */
    public static void acquire(Path directory, String registry, String repository) {
        String name = registry + "/" + repository;
        HELD.computeIfAbsent(name, key -> {
            Path file = directory.resolve(sha256(key).substring(0, 32) + ".lock");
            try {
                Files.createDirectories(directory);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    throw new ReleaseFailure("another build is releasing " + name + " on this machine (it holds " + file
                            + "): this one stops before building anything, so that one version is published once. "
                            + "Run it again when the other build has ended");
                }
                channel.write(java.nio.ByteBuffer.wrap((name + " pid " + ProcessHandle.current().pid() + "\n")
                        .getBytes(StandardCharsets.UTF_8)));
                return lock;
            } catch (OverlappingFileLockException e) {
                throw new IllegalStateException("lock " + file + " is held by this JVM but not recorded", e);
            } catch (IOException e) {
                throw new ReleaseFailure("cannot take the release lock " + file + ": " + e.getMessage(), e);
            }
        });
    }

    /** The default lock folder: under the system's temporary directory, shared by every build on this machine. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "platform-image-locks");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
