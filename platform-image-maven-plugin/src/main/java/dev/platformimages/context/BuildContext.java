package dev.platformimages.context;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files the engine receives for a build: the context folder less what {@code .dockerignore} and the
 * always-excluded paths (the Maven build folder, the module's POM) leave out, plus the Dockerfile.
 * The same walk feeds the definition hash and the tar, so the hash covers exactly what the engine sees.
 * Files are streamed, never held in memory.
 */
public final class BuildContext {

    /** Where the Dockerfile goes in the tar when it lives outside the context folder. */
    static final String OUTSIDE_DOCKERFILE = ".platform-image.Dockerfile";

    private final Path directory;
    private final Path dockerfile;
    private final Set<Path> alwaysExcluded;

    /**
     * @param directory      the context folder
     * @param dockerfile     the Dockerfile (inside the context or not)
     * @param alwaysExcluded absolute paths never sent (the build output folder, the POM)
     */
    public BuildContext(Path directory, Path dockerfile, Set<Path> alwaysExcluded) {
        this.directory = directory.toAbsolutePath().normalize();
        this.dockerfile = dockerfile.toAbsolutePath().normalize();
        this.alwaysExcluded = alwaysExcluded.stream().map(p -> p.toAbsolutePath().normalize())
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The Dockerfile's path inside the tar, as the build API's {@code dockerfile} parameter wants it. */
    public String dockerfileInTar() {
        return dockerfile.startsWith(directory) ? relative(dockerfile) : OUTSIDE_DOCKERFILE;
    }

    /**
     * sha256 over the Dockerfile, the build args (sorted) and each file's path, mode and content
     * (not its modification time, so a fresh checkout hashes the same).
     */
    public String definitionHash(Map<String, String> buildArgs) {
        MessageDigest sha = sha256();
        update(sha, "dockerfile");
        try (InputStream in = Files.newInputStream(dockerfile)) {
            updateStream(sha, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dockerfile, e);
        }
        new TreeMap<>(buildArgs).forEach((k, v) -> update(sha, "arg", k + "=" + (v == null ? "" : v)));
        for (Entry entry : entries()) {
            if (entry.isDirectory) {
                update(sha, "dir", entry.name);
            } else if (entry.linkTarget != null) {
                update(sha, "link", entry.name, entry.linkTarget);
            } else {
                update(sha, "file", entry.name, entry.executable ? "x" : "-", String.valueOf(entry.size));
                try (InputStream in = Files.newInputStream(entry.path)) {
                    updateStream(sha, in);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + entry.path, e);
                }
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    /** Writes the context as an uncompressed tar (what the build API takes). */
    public void writeTar(OutputStream target) throws IOException {
        writeTar(target, null);
    }

    /**
     * Writes the context as an uncompressed tar, with {@code instruction} (a {@link LabelInstruction}) appended to
     * the Dockerfile sent when not null. The definition hash never covers it.
     */
    public void writeTar(OutputStream target, String instruction) throws IOException {
        byte[] appendix = instruction == null ? new byte[0] : ("\n" + instruction + "\n").getBytes(StandardCharsets.UTF_8);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(target, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            boolean dockerfileWritten = false;
            for (Entry entry : entries()) {
                if (entry.linkTarget != null) {
                    TarArchiveEntry link = new TarArchiveEntry(entry.name, TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName(entry.linkTarget);
                    tar.putArchiveEntry(link);
                } else {
                    TarArchiveEntry e = new TarArchiveEntry(entry.path.toFile(), entry.name + (entry.isDirectory ? "/" : ""));
                    e.setMode(entry.isDirectory ? 040755 : entry.executable ? 0100755 : 0100644);
                    boolean isDockerfile = entry.path.equals(dockerfile);
                    if (isDockerfile) {
                        e.setSize(e.getSize() + appendix.length);
                    }
                    tar.putArchiveEntry(e);
                    if (!entry.isDirectory) {
                        Files.copy(entry.path, tar);
                    }
                    if (isDockerfile) {
                        tar.write(appendix);
                    }
                    dockerfileWritten |= isDockerfile;
                }
                tar.closeArchiveEntry();
            }
            if (!dockerfileWritten) {
                // The engine needs the Dockerfile in the tar even when it lives elsewhere or is .dockerignore'd.
                TarArchiveEntry e = new TarArchiveEntry(dockerfile.toFile(), dockerfileInTar());
                e.setMode(0100644);
                e.setSize(e.getSize() + appendix.length);
                tar.putArchiveEntry(e);
                Files.copy(dockerfile, tar);
                tar.write(appendix);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }

    /** The entries in a stable order (sorted paths), after every exclusion. */
    List<Entry> entries() {
        DockerIgnore ignore = readDockerIgnore();
        List<Entry> result = new ArrayList<>();
        walk(directory, ignore, result);
        return result;
    }

    private void walk(Path folder, DockerIgnore ignore, List<Entry> out) {
        List<Path> children;
        try (Stream<Path> list = Files.list(folder)) {
            children = list.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        for (Path child : children) {
            if (alwaysExcluded.contains(child)) {
                continue;
            }
            String name = relative(child);
            boolean excluded = ignore.excludes(name);
            boolean isDirectory = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
            if (isDirectory) {
                if (!excluded) {
                    out.add(new Entry(child, name, true, false, 0, null));
                }
                if (!excluded || ignore.hasExceptions()) {
                    walk(child, ignore, out);
                }
            } else if (!excluded) {
                out.add(fileEntry(child, name));
            }
        }
    }

    private static Entry fileEntry(Path file, String name) {
        try {
            if (Files.isSymbolicLink(file)) {
                return new Entry(file, name, false, false, 0, Files.readSymbolicLink(file).toString());
            }
            boolean executable;
            try {
                executable = Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE);
            } catch (UnsupportedOperationException e) {
                executable = Files.isExecutable(file);
            }
            return new Entry(file, name, false, executable, Files.size(file), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private DockerIgnore readDockerIgnore() {
        Path file = directory.resolve(".dockerignore");
        if (!Files.isRegularFile(file)) {
            return DockerIgnore.none();
        }
        try {
            return DockerIgnore.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private String relative(Path path) {
        return directory.relativize(path).toString().replace('\\', '/');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each field is length-prefixed so that no two different inputs hash alike. */
    private static void update(MessageDigest sha, String... fields) {
        for (String field : fields) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha.update(bytes);
        }
    }

    private static void updateStream(MessageDigest sha, InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            sha.update(buffer, 0, n);
        }
    }

    static final class Entry {
        final Path path;
        final String name;
        final boolean isDirectory;
        final boolean executable;
        final long size;
        final String linkTarget;

        Entry(Path path, String name, boolean isDirectory, boolean executable, long size, String linkTarget) {
            this.path = path;
            this.name = name;
            this.isDirectory = isDirectory;
            this.executable = executable;
            this.size = size;
            this.linkTarget = linkTarget;
        }
    }
}
