package dev.platformimages.dockerfile;

import dev.platformimages.context.LabelInstruction;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The LABEL line the build context appends reads back, through the Dockerfile lexer's word splitting and quote
 * processing (as the builder reads LABEL), as exactly the labels given, whatever the escape character and even with
 * characters a shell would expand.
 */
class LabelInstructionReadBackTest {

    @Test
    void everyLabelReadsBackUnchanged() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.version", "1.0.0");
        labels.put("dev.platformimages.bases", "mcr.microsoft.com/dotnet/aspnet:8.0@sha256:" + "a".repeat(64) + ",node:20@sha256:b");
        labels.put("odd", "$HOME ${X:-y} \\n `x` \"quoted\" with spaces");
        labels.put("empty", "");
        String line = LabelInstruction.of(labels).orElseThrow();
        for (char escape : new char[] {'\\', '`'}) {
            List<String> words = DockerfileParser.words(line.substring("LABEL ".length()), escape);
            Map<String, String> read = new LinkedHashMap<>();
            for (String word : words) {
                int eq = word.indexOf('=');
                String value = new ShellLex(escape).process(word.substring(eq + 1), Map.of("HOME", "/root", "X", "x")).value();
                read.put(word.substring(0, eq), value);
            }
            assertEquals(labels, read, "escape " + escape + ": " + line);
        }
    }
}
