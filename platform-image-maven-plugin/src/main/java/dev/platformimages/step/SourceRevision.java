package dev.platformimages.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The git commit of a folder, for the {@code org.opencontainers.image.revision} label. */
public final class SourceRevision {

    private SourceRevision() {
    }

    /** Empty when the folder is not in a git work tree or git is not installed. */
    public static Optional<String> of(Path folder) {
        try {
            Process git = new ProcessBuilder("git", "-C", folder.toString(), "rev-parse", "HEAD")
                    .redirectErrorStream(true).start();
            if (!git.waitFor(10, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.exitValue() == 0 && out.matches("[0-9a-f]{40,64}") ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
