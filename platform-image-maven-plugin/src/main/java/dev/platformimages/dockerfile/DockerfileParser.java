package dev.platformimages.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the FROM lines of a Dockerfile the way the builder does: line continuations, comments,
 * the {@code escape} parser directive, ARGs declared before the first FROM (their defaults, overridden
 * by build args) substituted into FROM, and references to earlier stages (by name or index).
 */
public final class DockerfileParser {

    private static final Pattern DIRECTIVE = Pattern.compile("#\\s*([a-zA-Z]+)\\s*=\\s*(\\S+)\\s*");
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:[-+])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");

    /**
     * @param content   the Dockerfile text
     * @param buildArgs values given for ARGs (they override the defaults)
     * @throws DockerfileException naming the line when a FROM cannot be resolved
     */
    public Dockerfile parse(String content, Map<String, String> buildArgs) {
        List<Instruction> instructions = instructions(content);
        Map<String, String> globalArgs = new HashMap<>();
        List<BuildStage> stages = new ArrayList<>();
        List<UpstreamUse> copiedFrom = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword.equals("ARG") && stages.isEmpty()) {
                declareArg(instruction, globalArgs, buildArgs);
            } else if (instruction.keyword.equals("FROM")) {
                stages.add(fromStage(instruction, stages, globalArgs));
            } else if (instruction.keyword.equals("COPY")) {
                copyFromImage(instruction, stages, globalArgs).ifPresent(copiedFrom::add);
            }
        }
        if (stages.isEmpty()) {
            throw new DockerfileException("has no FROM instruction");
        }
        return new Dockerfile(stages, copiedFrom);
    }

    private static void declareArg(Instruction arg, Map<String, String> globalArgs, Map<String, String> buildArgs) {
        for (String declaration : arg.arguments.trim().split("\\s+")) {
            if (declaration.isEmpty()) {
                continue;
            }
            int eq = declaration.indexOf('=');
            String name = eq < 0 ? declaration : declaration.substring(0, eq);
            String value = eq < 0 ? null : unquote(declaration.substring(eq + 1));
            if (buildArgs.containsKey(name)) {
                value = buildArgs.get(name);
            }
            // A null value records an ARG declared without a default.
            globalArgs.put(name, value == null ? null : substitute(value, globalArgs, arg.line));
        }
    }

    private static BuildStage fromStage(Instruction from, List<BuildStage> earlier, Map<String, String> args) {
        String platform = null;
        List<String> words = new ArrayList<>(List.of(from.arguments.trim().split("\\s+")));
        while (!words.isEmpty() && words.get(0).startsWith("--")) {
            String flag = words.remove(0);
            if (flag.startsWith("--platform=")) {
                platform = substitute(flag.substring("--platform=".length()), args, from.line);
            }
        }
        if (words.isEmpty() || words.get(0).isEmpty()) {
            throw new DockerfileException("line " + from.line + ": FROM names no image");
        }
        String image = substitute(words.get(0), args, from.line);
        if (image.isEmpty()) {
            throw new DockerfileException("line " + from.line + ": FROM " + words.get(0) + " is empty after substituting build args");
        }
        String name = null;
        if (words.size() >= 3 && words.get(1).equalsIgnoreCase("AS")) {
            name = words.get(2).toLowerCase(Locale.ROOT);
        } else if (words.size() > 1) {
            throw new DockerfileException("line " + from.line + ": expected 'FROM image [AS name]', found 'FROM " + from.arguments.trim() + "'");
        }
        boolean earlierStage = isEarlierStage(image, earlier);
        return new BuildStage(earlier.size(), from.line, image, name, platform, earlierStage);
    }

    /** {@code COPY --from=X}: an image when X is neither an earlier stage's name nor a stage index. */
    private static java.util.Optional<UpstreamUse> copyFromImage(Instruction copy, List<BuildStage> earlier,
                                                                 Map<String, String> args) {
        for (String word : copy.arguments.trim().split("\\s+")) {
            if (!word.startsWith("--")) {
                break;
            }
            if (word.startsWith("--from=")) {
                String from = substitute(word.substring("--from=".length()), args, copy.line);
                if (from.isEmpty() || from.matches("\\d+") || isEarlierStage(from, earlier)) {
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(new UpstreamUse(from, copy.line, "COPY --from", null));
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean isEarlierStage(String image, List<BuildStage> earlier) {
        for (BuildStage stage : earlier) {
            if (stage.name().filter(n -> n.equalsIgnoreCase(image)).isPresent()) {
                return true;
            }
        }
        return false;
    }

    static String substitute(String text, Map<String, String> args, int line) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(4);
            String value = args.get(name);
            String operator = m.group(2);
            String replacement;
            if (":-".equals(operator)) {
                replacement = value == null || value.isEmpty() ? m.group(3) : value;
            } else if (":+".equals(operator)) {
                replacement = value == null || value.isEmpty() ? "" : m.group(3);
            } else if (value != null) {
                replacement = value;
            } else if (args.containsKey(name)) {
                throw new DockerfileException("line " + line + ": ARG " + name
                        + " has no default; give it a value in <buildArgs>");
            } else {
                throw new DockerfileException("line " + line + ": $" + name
                        + " is not an ARG declared before the first FROM");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** Joins continuation lines and drops comments; keeps the line where each instruction starts. */
    private static List<Instruction> instructions(String content) {
        String[] lines = content.split("\\r?\\n", -1);
        char escape = '\\';
        int first = 0;
        // Parser directives: only at the very top, before any comment, blank line or instruction.
        while (first < lines.length) {
            Matcher d = DIRECTIVE.matcher(lines[first]);
            if (!d.matches()) {
                break;
            }
            if (d.group(1).equalsIgnoreCase("escape") && d.group(2).length() == 1) {
                escape = d.group(2).charAt(0);
            }
            first++;
        }
        List<Instruction> result = new ArrayList<>();
        StringBuilder current = null;
        int startLine = 0;
        for (int i = first; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.trim();
            if (trimmed.startsWith("#")) {
                continue;
            }
            if (current == null) {
                if (trimmed.isEmpty()) {
                    continue;
                }
                current = new StringBuilder();
                startLine = i + 1;
            }
            String stripped = line.stripTrailing();
            if (!stripped.isEmpty() && stripped.charAt(stripped.length() - 1) == escape) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            result.add(Instruction.of(current.toString(), startLine));
            current = null;
        }
        if (current != null && current.length() > 0) {
            result.add(Instruction.of(current.toString(), startLine));
        }
        return result;
    }

    private static final class Instruction {
        final String keyword;
        final String arguments;
        final int line;

        private Instruction(String keyword, String arguments, int line) {
            this.keyword = keyword;
            this.arguments = arguments;
            this.line = line;
        }

        static Instruction of(String text, int line) {
            String t = text.trim();
            int space = t.indexOf(' ');
            int tab = t.indexOf('\t');
            int split = space < 0 ? tab : tab < 0 ? space : Math.min(space, tab);
            String keyword = split < 0 ? t : t.substring(0, split);
            String arguments = split < 0 ? "" : t.substring(split + 1);
            return new Instruction(keyword.toUpperCase(Locale.ROOT), arguments, line);
        }
    }
}
