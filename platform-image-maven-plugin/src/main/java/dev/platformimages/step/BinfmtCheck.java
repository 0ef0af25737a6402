package dev.platformimages.step;

import dev.platformimages.image.Platforms;
import dev.platformimages.release.ReleaseFailure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether this machine's kernel runs another architecture's binaries: a foreign platform's build steps and tests
 * run under QEMU through a binfmt_misc handler, and without one the build fails late with "exec format error".
 */
public final class BinfmtCheck {

    private final Path binfmtMisc;
    private final String hostPlatform;

    public BinfmtCheck(Path binfmtMisc, String hostPlatform) {
        this.binfmtMisc = binfmtMisc;
        this.hostPlatform = hostPlatform;
    }

    public static BinfmtCheck local() {
        return new BinfmtCheck(Path.of("/proc/sys/fs/binfmt_misc"), HostPlatform.current());
    }

    /** Fails, saying how to set it up, when a platform of {@code platforms} cannot run here. */
    public void requireRunnable(List<String> platforms) {
        for (String platform : platforms) {
            if (Platforms.architecture(platform).equals(Platforms.architecture(hostPlatform))
                    || hostPlatform.equals("linux/amd64") && platform.equals("linux/386")) {
                continue;
            }
            String qemu = Platforms.qemuName(platform);
            Path handler = binfmtMisc.resolve("qemu-" + qemu);
            String state;
            try {
                state = Files.isRegularFile(handler) ? Files.readString(handler).lines().findFirst().orElse("") : null;
            } catch (IOException e) {
                state = null;
            }
            if (state == null || !state.trim().equals("enabled")) {
                throw new ReleaseFailure(platform + " cannot be built or tested on this machine: "
                        + (state == null ? "no binfmt_misc handler " + handler : handler + " is " + state.trim())
                        + ", so the kernel cannot run " + qemu + " binaries. As root: apt-get install qemu-user-static "
                        + "binfmt-support; mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc (if not mounted); "
                        + "update-binfmts --enable qemu-" + qemu + ". Or remove " + platform + " from platform.platforms");
            }
        }
    }
}
