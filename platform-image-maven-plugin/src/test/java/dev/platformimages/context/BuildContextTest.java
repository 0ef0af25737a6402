package dev.platformimages.context;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildContextTest {

    @TempDir
    Path dir;
    Path dockerfile;
    Path target;

    @BeforeEach
    void layout() throws IOException {
        dockerfile = Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nCOPY app /app\n");
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/run.sh"), "#!/bin/sh\necho hi\n");
        Files.writeString(dir.resolve("notes.md"), "not for the image");
        Files.writeString(dir.resolve(".dockerignore"), "*.md\n");
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        target = Files.createDirectories(dir.resolve("target"));
        Files.writeString(target.resolve("state.json"), "{}");
    }

    private BuildContext context() {
        return new BuildContext(dir, dockerfile, Set.of(target, dir.resolve("pom.xml")));
    }

    @Test
    void hashIgnoresModificationTimesAndExcludedFiles() throws IOException {
        String before = context().definitionHash(Map.of());
        Files.setLastModifiedTime(dir.resolve("app/run.sh"), FileTime.fromMillis(0));
        Files.writeString(dir.resolve("notes.md"), "changed, but .dockerignore'd");
        Files.writeString(target.resolve("state.json"), "{\"changed\":true}");
        Files.writeString(dir.resolve("pom.xml"), "<project><!-- changed --></project>");
        assertEquals(before, context().definitionHash(Map.of()));
    }

    @Test
    void hashChangesWithDockerfileContextFileModeAndBuildArgs() throws IOException {
        String base = context().definitionHash(Map.of("A", "1"));
        assertNotEquals(base, context().definitionHash(Map.of("A", "2")));
        assertNotEquals(base, context().definitionHash(Map.of("A", "1", "B", "")));

        Files.writeString(dir.resolve("app/run.sh"), "#!/bin/sh\necho bye\n");
        String contentChanged = context().definitionHash(Map.of("A", "1"));
        assertNotEquals(base, contentChanged);

        Files.setPosixFilePermissions(dir.resolve("app/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        String modeChanged = context().definitionHash(Map.of("A", "1"));
        assertNotEquals(contentChanged, modeChanged);

        Files.writeString(dockerfile, "FROM busybox\nCOPY app /srv\n");
        assertNotEquals(modeChanged, context().definitionHash(Map.of("A", "1")));

        Files.writeString(dir.resolve("app/new.txt"), "");
        assertNotEquals(context().definitionHash(Map.of()), base);
    }

    @Test
    void tarHoldsExactlyTheHashedFiles() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        context().writeTar(bytes);
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                names.add(e.getName());
            }
        }
        assertEquals(List.of(".dockerignore", "Dockerfile", "app/", "app/run.sh"), names);
        assertEquals("Dockerfile", context().dockerfileInTar());
    }

    @Test
    void dockerfileOutsideTheContextIsAddedToTheTar() throws IOException {
        Path outside = Files.writeString(Files.createTempFile("Dockerfile", ""), "FROM scratch\n");
        try {
            BuildContext context = new BuildContext(dir.resolve("app"), outside, Set.of());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            context.writeTar(bytes);
            List<String> names = new ArrayList<>();
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    names.add(e.getName());
                }
            }
            assertTrue(names.contains(BuildContext.OUTSIDE_DOCKERFILE), names.toString());
            assertEquals(BuildContext.OUTSIDE_DOCKERFILE, context.dockerfileInTar());
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void aLabelInstructionIsAppendedToTheDockerfileSentButNotHashed() throws IOException {
        String hash = context().definitionHash(Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        context().writeTar(out, "LABEL a='1'");
        String sent = null;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry e = tar.getNextTarEntry(); e != null; e = tar.getNextTarEntry()) {
                if (e.getName().equals("Dockerfile")) {
                    sent = new String(tar.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    assertEquals(sent.length(), e.getSize());
                }
            }
        }
        assertEquals("FROM busybox\nCOPY app /app\n\nLABEL a='1'\n", sent);
        assertEquals(hash, context().definitionHash(Map.of()));
    }
}
