package dev.platformimages.plugin;

import dev.platformimages.gate.SelfTest;
import dev.platformimages.release.ReleaseFailure;

import java.util.List;

/** One element of {@code selfTests}: a named command run in the image under test, which must exit 0. */
public class SelfTestCommand {
    /** How the log names it; default: the command itself. */
    private String name;
    /** The command, one arg element per word (first word as entrypoint). */
    private List<String> command;
    /** Or a shell line, run as /bin/sh -c LINE. */
    private String shell;

    SelfTest toSelfTest(String where) {
        boolean hasCommand = command != null && !command.isEmpty();
        boolean hasShell = shell != null && !shell.isBlank();
        if (hasCommand == hasShell) {
            throw new ReleaseFailure(where + ": set exactly one of command (one arg per word) and shell (one line for /bin/sh -c)");
        }
        List<String> words = hasShell ? List.of("/bin/sh", "-c", shell) : command;
        String shown = name != null && !name.isBlank() ? name.trim() : hasShell ? shell.trim() : String.join(" ", words);
        return new SelfTest(shown, words);
    }
}
