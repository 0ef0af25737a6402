package dev.platformimages.packages;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A few files of an image's filesystem, stacked from its layers as the OCI image spec does: a file of a higher
 * layer replaces the lower one; a whiteout {@code .wh.NAME} removes NAME (and what is under it) of the lower layers,
 * an opaque marker {@code .wh..wh..opq} everything under its folder. A layer is read once, as a stream, into a
 * {@link Layer} that keeps only the wanted files (so memory does not grow with the image), and a layer shared by
 * several images can be read once and applied to each.
 */
public final class ImageFiles {

    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private final Map<String, byte[]> files = new TreeMap<>();

    /**
     * What one layer does to the wanted files.
     *
     * @param added            the wanted files it holds, by path
     * @param removed          paths it whites out (with what is under them), and symbolic links that replace a path
     * @param opaque           folders whose lower content it hides (ending in /)
     * @param replacedByFolder paths where it has a folder (a lower file of that very path goes; folders merge)
     */
    public record Layer(Map<String, byte[]> added, List<String> removed, List<String> opaque, List<String> replacedByFolder) {
    }

    /**
     * Reads a layer, an uncompressed tar stream, up to the tar's end (the caller drains what follows).
     *
     * @param wanted       which paths to keep (relative, without a leading / or ./, e.g. var/lib/dpkg/status)
     * @param maxFileBytes a wanted file larger than this fails the read (a package database is a few MiB)
     * @throws IOException when it is not a tar, or a wanted file is too large
     */
    public static Layer read(InputStream tarStream, Predicate<String> wanted, long maxFileBytes) throws IOException {
        Map<String, byte[]> added = new HashMap<>();
        List<String> removed = new ArrayList<>();
        List<String> opaque = new ArrayList<>();
        List<String> replacedByFolder = new ArrayList<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(tarStream, StandardCharsets.UTF_8.name());
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            String path = normalize(entry.getName());
            int slash = path.lastIndexOf('/');
            String folder = slash < 0 ? "" : path.substring(0, slash + 1);
            String name = path.substring(slash + 1);
            if (name.equals(OPAQUE)) {
                opaque.add(folder);
            } else if (name.startsWith(WHITEOUT)) {
                removed.add(folder + name.substring(WHITEOUT.length()));
            } else if (entry.isSymbolicLink() || entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                removed.add(path); // replaces a lower file or folder (commons-compress counts these as files)
            } else if (entry.isFile() && wanted.test(path)) {
                if (entry.getSize() > maxFileBytes) {
                    throw new IOException(path + " is " + entry.getSize() + " bytes, more than the " + maxFileBytes + " read");
                }
                added.put(path, tar.readAllBytes());
            } else if (entry.isLink() && wanted.test(path)) {
                byte[] target = added.get(normalize(entry.getLinkName())); // a hard link to a file of this layer
                if (target != null) {
                    added.put(path, target);
                } else {
                    removed.add(path);
                }
            } else if (entry.isDirectory()) {
                replacedByFolder.add(path);
            }
        }
        return new Layer(added, removed, opaque, replacedByFolder);
    }

    /** Stacks the next layer on those applied so far. */
    public void apply(Layer layer) {
        for (String folder : layer.opaque()) {
            files.keySet().removeIf(p -> p.startsWith(folder));
        }
        for (String path : layer.removed()) {
            files.keySet().removeIf(p -> p.equals(path) || p.startsWith(path + "/"));
        }
        layer.replacedByFolder().forEach(files::remove);
        files.putAll(layer.added());
    }

    /** The wanted files present after the layers applied so far, by path. */
    public Map<String, byte[]> files() {
        return files;
    }

    private static String normalize(String name) {
        String path = name;
        while (path.startsWith("./") || path.startsWith("/")) {
            path = path.startsWith("./") ? path.substring(2) : path.substring(1);
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
