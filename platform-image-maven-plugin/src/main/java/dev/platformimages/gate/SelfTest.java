package dev.platformimages.gate;

import java.util.List;

/**
 * A command run in a fresh container of the image under test, which must exit 0.
 *
 * @param name how the log and notifications name it
 * @param command the command, first word as entrypoint
 */
public record SelfTest(String name, List<String> command) {
    public SelfTest {
        command = List.copyOf(command);
    }
}
