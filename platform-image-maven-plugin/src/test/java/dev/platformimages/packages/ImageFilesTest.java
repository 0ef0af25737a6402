package dev.platformimages.packages;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageFilesTest {

    /** A layer: name -> content; a name ending in / is a folder, "->target" content a symbolic link. */
    private static ByteArrayInputStream layer(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                String name = namesAndContents[i];
                String content = namesAndContents[i + 1];
                TarArchiveEntry entry;
                if (name.endsWith("/")) {
                    entry = new TarArchiveEntry(name);
                } else if (content.startsWith("->")) {
                    entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                    entry.setLinkName(content.substring(2));
                } else {
                    entry = new TarArchiveEntry(name);
                    entry.setSize(content.getBytes(StandardCharsets.UTF_8).length);
                }
                tar.putArchiveEntry(entry);
                if (!name.endsWith("/") && !content.startsWith("->")) {
                    tar.write(content.getBytes(StandardCharsets.UTF_8));
                }
                tar.closeArchiveEntry();
            }
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    private static Map<String, String> text(ImageFiles files) {
        Map<String, String> result = new TreeMap<>();
        files.files().forEach((k, v) -> result.put(k, new String(v, StandardCharsets.UTF_8)));
        return result;
    }

    /** Stacks the layers, keeping what is under var/lib/. */
    private static ImageFiles varLib(ByteArrayInputStream... layers) throws IOException {
        ImageFiles files = new ImageFiles();
        for (ByteArrayInputStream layer : layers) {
            files.apply(ImageFiles.read(layer, p -> p.startsWith("var/lib/"), 1024));
        }
        return files;
    }

    @Test
    void aHigherLayerReplacesAFileAndFoldersMerge() throws IOException {
        ImageFiles files = varLib(layer("./var/lib/dpkg/status", "one", "var/lib/a", "a", "etc/passwd", "root"),
                layer("var/", "", "var/lib/", "", "/var/lib/dpkg/status", "two"));
        assertEquals(Map.of("var/lib/dpkg/status", "two", "var/lib/a", "a"), text(files));
    }

    @Test
    void aWhiteoutRemovesAFileOrAFolderOfTheLowerLayers() throws IOException {
        ImageFiles files = varLib(layer("var/lib/dpkg/status", "one", "var/lib/apk/x", "x", "var/lib/apk/y", "y", "var/lib/b", "b"),
                layer("var/lib/dpkg/.wh.status", "", "var/lib/.wh.apk", ""));
        assertEquals(Map.of("var/lib/b", "b"), text(files));
    }

    @Test
    void anOpaqueFolderHidesEverythingBelowFromTheLowerLayersButKeepsItsOwn() throws IOException {
        ImageFiles files = varLib(layer("var/lib/dpkg/status", "one", "var/lib/dpkg/status.d/a", "a", "var/lib/c", "c"),
                layer("var/lib/dpkg/.wh..wh..opq", "", "var/lib/dpkg/status.d/b", "b"));
        assertEquals(Map.of("var/lib/dpkg/status.d/b", "b", "var/lib/c", "c"), text(files));
    }

    @Test
    void aSymbolicLinkReplacesAFile() throws IOException {
        ImageFiles files = varLib(layer("var/lib/dpkg/status", "one"), layer("var/lib/dpkg/status", "->/elsewhere"));
        assertEquals(Map.of(), text(files));
    }

    @Test
    void aWantedFileTooLargeFailsNamingIt() throws IOException {
        ByteArrayInputStream layer = layer("var/lib/dpkg/status", "three");
        IOException e = assertThrows(IOException.class, () -> ImageFiles.read(layer, p -> true, 2));
        assertEquals("var/lib/dpkg/status is 5 bytes, more than the 2 read", e.getMessage());
    }
}
