package dev.platformimages.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the FROM lines of a Dockerfile the way BuildKit does ({@code frontend/dockerfile/parser},
 * {@code instructions} and {@code dockerfile2llb}): a UTF-8 byte-order mark, parser directives (the {@code escape}
 * one), line continuations (blank and comment lines inside them skipped), ARGs declared before the first FROM (their
 * defaults expanded in order, overridden by build args), every word expanded by {@link ShellLex}, stage names
 * lower-cased and validated, FROM resolved against earlier stages only, {@code COPY --from} against every stage of
 * the file (by name or index) before it is taken for an image.
 *
 * <p>One deliberate difference: BuildKit expands a name that is not set to nothing (with a lint warning); the plugin
 * refuses it in FROM, since it would watch and pin a base other than the one meant.
 */
public final class DockerfileParser {

    private static final Pattern DIRECTIVE = Pattern.compile("#[ \\t]*([a-zA-Z][a-zA-Z0-9]*)[ \\t]*=[ \\t]*(.+?)[ \\t]*");
    private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9-_.]*");
    /** The ARGs BuildKit sets by itself in the global scope; the classic builder the plugin drives does not. */
    private static final Set<String> BUILDKIT_PLATFORM_ARGS = Set.of("BUILDPLATFORM", "BUILDOS", "BUILDARCH",
            "BUILDVARIANT", "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT");

    /**
     * @param content   the Dockerfile text
     * @param buildArgs values given for ARGs (they override the defaults)
     * @throws DockerfileException naming the line when a FROM cannot be resolved
     */
    public Dockerfile parse(String content, Map<String, String> buildArgs) {
        Lines lines = instructions(content);
        ShellLex lex = new ShellLex(lines.escape);
        Map<String, String> globalArgs = new HashMap<>();
        Set<String> withoutValue = new HashSet<>();
        List<BuildStage> stages = new ArrayList<>();
        Set<String> stageNames = new HashSet<>();
        List<Instruction> copies = new ArrayList<>();
        List<String> buildKitOnly = new ArrayList<>();
        for (Instruction instruction : lines.instructions) {
            if (instruction.keyword.equals("ARG") && stages.isEmpty()) {
                declareArg(instruction, lines.escape, lex, globalArgs, withoutValue, buildArgs);
            } else if (instruction.keyword.equals("FROM")) {
                BuildStage stage = fromStage(instruction, lex, stages, stageNames, globalArgs, withoutValue);
                stages.add(stage);
                stage.name().ifPresent(stageNames::add);
            } else if (instruction.keyword.equals("COPY")) {
                copies.add(instruction);
            }
            buildKitOnly(instruction).ifPresent(buildKitOnly::add);
        }
        if (stages.isEmpty()) {
            throw new DockerfileException("has no FROM instruction");
        }
        List<UpstreamUse> copiedFrom = new ArrayList<>();
        for (Instruction copy : copies) {
            copyFromImage(copy, lex, stages, stageNames).ifPresent(copiedFrom::add);
        }
        return new Dockerfile(stages, copiedFrom, buildKitOnly);
    }

    /** Flags BuildKit added that the classic builder refuses, by instruction. */
    private static final Map<String, Set<String>> BUILDKIT_FLAGS = Map.of(
            "RUN", Set.of("--mount", "--network", "--security"),
            "COPY", Set.of("--link", "--parents", "--exclude"),
            "ADD", Set.of("--link", "--parents", "--exclude", "--checksum", "--keep-git-dir"));

    /** What of {@code instruction} only BuildKit builds ({@code line 4: RUN --mount}), if anything. */
    private static java.util.Optional<String> buildKitOnly(Instruction instruction) {
        Set<String> flags = BUILDKIT_FLAGS.get(instruction.keyword);
        if (flags == null) {
            return java.util.Optional.empty();
        }
        List<String> found = new ArrayList<>();
        for (String word : instruction.arguments.trim().split("\\s+")) {
            if (!word.startsWith("--")) {
                break;
            }
            String flag = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            if (flags.contains(flag)) {
                found.add(instruction.keyword + " " + flag);
            }
        }
        if (!heredocs(instruction).isEmpty()) {
            found.add(instruction.keyword + " <<heredoc");
        }
        return found.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of("line " + instruction.line + ": " + String.join(", ", found));
    }

    private static void declareArg(Instruction arg, char escape, ShellLex lex, Map<String, String> globalArgs,
                                   Set<String> withoutValue, Map<String, String> buildArgs) {
        for (String declaration : words(arg.arguments, escape)) {
            int eq = declaration.indexOf('=');
            String name = eq < 0 ? declaration : declaration.substring(0, eq);
            String value;
            if (buildArgs.containsKey(name)) {
                value = buildArgs.get(name);
            } else if (eq < 0) {
                value = null;
            } else {
                value = expand(lex, declaration.substring(eq + 1), globalArgs, withoutValue, arg.line, "ARG " + name);
            }
            if (value == null) {
                withoutValue.add(name); // declared without a default: unset, as in BuildKit
                globalArgs.remove(name);
            } else {
                withoutValue.remove(name);
                globalArgs.put(name, value);
            }
        }
    }

    private static BuildStage fromStage(Instruction from, ShellLex lex, List<BuildStage> earlier, Set<String> stageNames,
                                        Map<String, String> args, Set<String> withoutValue) {
        String platform = null;
        List<String> words = new ArrayList<>(List.of(from.arguments.trim().split("\\s+")));
        while (!words.isEmpty() && words.get(0).startsWith("--")) {
            String flag = words.remove(0);
            if (flag.startsWith("--platform=")) {
                platform = expand(lex, flag.substring("--platform=".length()), args, withoutValue, from.line, "--platform");
                if (platform.isEmpty()) {
                    throw new DockerfileException("line " + from.line + ": empty platform value from expression " + flag);
                }
            } else {
                throw new DockerfileException("line " + from.line + ": unknown flag " + flag.replaceFirst("=.*", "")
                        + " in FROM (it takes --platform only)");
            }
        }
        if (words.isEmpty() || words.get(0).isEmpty()) {
            throw new DockerfileException("line " + from.line + ": FROM names no image");
        }
        String name = null;
        if (words.size() == 3 && words.get(1).equalsIgnoreCase("AS")) {
            name = words.get(2).toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(name).matches()) {
                throw new DockerfileException("line " + from.line + ": invalid name for build stage: \"" + words.get(2)
                        + "\", name can't start with a number or contain symbols");
            }
            if (stageNames.contains(name)) {
                throw new DockerfileException("line " + from.line + ": duplicate stage name \"" + name + "\"");
            }
        } else if (words.size() != 1) {
            throw new DockerfileException("line " + from.line + ": FROM requires either one or three arguments "
                    + "('FROM image [AS name]'), found 'FROM " + from.arguments.trim() + "'");
        }
        String image = expand(lex, words.get(0), args, withoutValue, from.line, "FROM");
        if (image.isEmpty()) {
            throw new DockerfileException("line " + from.line + ": base name (" + words.get(0) + ") should not be blank");
        }
        // As BuildKit: a FROM names a stage when it equals an earlier stage's (lower-case) name exactly.
        return new BuildStage(earlier.size(), from.line, image, name, platform, stageNames.contains(image));
    }

    /**
     * {@code COPY --from=X}: a stage when X is a stage index or the name of any stage of the file (also one declared
     * later), an image otherwise. As in BuildKit, X is not expanded.
     */
    private static java.util.Optional<UpstreamUse> copyFromImage(Instruction copy, ShellLex lex, List<BuildStage> stages,
                                                                 Set<String> stageNames) {
        for (String word : copy.arguments.trim().split("\\s+")) {
            if (!word.startsWith("--")) {
                break;
            }
            if (!word.startsWith("--from=")) {
                continue;
            }
            String from = word.substring("--from=".length());
            String processed;
            try {
                processed = lex.process(from, Map.of()).value();
            } catch (DockerfileException e) {
                throw new DockerfileException("line " + copy.line + ": " + e.getMessage());
            }
            if (!processed.equals(from)) {
                throw new DockerfileException("line " + copy.line + ": variable expansion is not supported for --from ("
                        + word + "), define a new stage with FROM using ARG from global scope as a workaround");
            }
            if (from.matches("[+-]?\\d+")) {
                int index = parseIndex(from);
                if (index < 0 || index >= stages.size()) {
                    throw new DockerfileException("line " + copy.line + ": invalid stage index " + from + " in " + word);
                }
                return java.util.Optional.empty();
            }
            if (from.isEmpty() || stageNames.contains(from.toLowerCase(Locale.ROOT))) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new UpstreamUse(from, copy.line, "COPY --from", null));
        }
        return java.util.Optional.empty();
    }

    private static int parseIndex(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Expands {@code word} with the global ARGs; a name that is not set is refused, naming the line, the ARG and
     * what to do (BuildKit would expand it to nothing).
     */
    static String expand(ShellLex lex, String word, Map<String, String> args, Set<String> withoutValue, int line,
                         String where) {
        ShellLex.Result result;
        try {
            result = lex.process(word, args);
        } catch (DockerfileException e) {
            throw new DockerfileException("line " + line + ": " + where + " " + word + ": " + e.getMessage());
        }
        for (String name : result.missing()) {
            if (withoutValue.contains(name)) {
                throw new DockerfileException("line " + line + ": ARG " + name
                        + " has no default; give it a value in <buildArgs>");
            }
            if (BUILDKIT_PLATFORM_ARGS.contains(name)) {
                throw new DockerfileException("line " + line + ": $" + name + " is set automatically by BuildKit, but "
                        + "the classic builder that the plugin drives does not set it: declare ARG " + name
                        + "=<value> before the first FROM, or give it in <buildArgs>");
            }
            throw new DockerfileException("line " + line + ": $" + name
                    + " is not an ARG declared before the first FROM");
        }
        return result.value();
    }

    /** Splits an instruction's arguments into words at white space outside quotes, as BuildKit's parser does. */
    static List<String> words(String text, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int quote = 0;
        boolean blankOk = false;
        boolean inWord = false;
        int[] cps = text.codePoints().toArray();
        for (int i = 0; i <= cps.length; i++) {
            if (i == cps.length) {
                if (inWord && (blankOk || word.length() > 0)) {
                    words.add(word.toString());
                }
                break;
            }
            int ch = cps[i];
            if (!inWord) {
                if (Character.isWhitespace(ch)) {
                    continue;
                }
                inWord = true;
            }
            if (quote == 0) {
                if (Character.isWhitespace(ch)) {
                    if (blankOk || word.length() > 0) {
                        words.add(word.toString());
                    }
                    word.setLength(0);
                    blankOk = false;
                    inWord = false;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOk = true;
                }
                if (ch == escape) {
                    if (i + 1 == cps.length) {
                        continue;
                    }
                    word.appendCodePoint(ch);
                    ch = cps[++i];
                }
                word.appendCodePoint(ch);
                continue;
            }
            if (ch == quote) {
                quote = 0;
            }
            if (ch == escape && quote != '\'') {
                if (i + 1 == cps.length) {
                    continue;
                }
                word.appendCodePoint(ch);
                ch = cps[++i];
            }
            word.appendCodePoint(ch);
        }
        return words;
    }

    /** The instructions of a Dockerfile and its escape character. */
    private record Lines(List<Instruction> instructions, char escape) {
    }

    /** A word that opens a heredoc, quotes kept as BuildKit's heredocsFromLine keeps them: {@code <<EOF}, {@code <<-"END"}. */
    private static final Pattern HEREDOC = Pattern.compile("\\d*<<(-?)(.*)");

    /** The heredocs an instruction opens, in order: whether tabs are stripped, and the terminator. */
    private record Heredoc(boolean stripTabs, String name) {
    }

    private static List<Heredoc> heredocs(Instruction instruction) {
        List<Heredoc> found = new ArrayList<>();
        if (!Set.of("RUN", "COPY", "ADD").contains(instruction.keyword) || !instruction.arguments.contains("<<")) {
            return found;
        }
        List<String> words = words(instruction.arguments, '\\');
        for (int i = 0; i < words.size(); i++) {
            Matcher m = HEREDOC.matcher(words.get(i));
            if (!m.matches() || m.group(2).contains("<")) {
                continue;
            }
            String name = m.group(2).isEmpty() && i + 1 < words.size() ? words.get(++i) : m.group(2);
            if (name.length() >= 2 && (name.startsWith("\"") && name.endsWith("\"") || name.startsWith("'") && name.endsWith("'"))) {
                name = name.substring(1, name.length() - 1);
            }
            if (!name.isEmpty()) {
                found.add(new Heredoc(!m.group(1).isEmpty(), name));
            }
        }
        return found;
    }

    /**
     * Joins continuation lines and drops comments as BuildKit's parser does: a byte-order mark on the first line is
     * dropped, parser directives are read at the top only, a continuation is the escape character (not itself
     * escaped) at the end of a line and joins without a space, comment and blank lines inside a continuation are
     * skipped, and the bodies of heredocs ({@code RUN <<EOF}) are not instructions. Keeps the line where each
     * instruction starts.
     */
    private static Lines instructions(String content) {
        if (content.startsWith("\uFEFF")) {
            content = content.substring(1);
        }
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
        String e = Pattern.quote(String.valueOf(escape));
        Pattern continuation = Pattern.compile("([^" + (escape == '\\' ? "\\\\" : String.valueOf(escape)) + "])" + e
                + "[ \\t]*$|^" + e + "[ \\t]*$");
        List<Instruction> result = new ArrayList<>();
        for (int i = first; i < lines.length; i++) {
            String line = lines[i].stripLeading();
            if (line.startsWith("#")) {
                continue;
            }
            int startLine = i + 1;
            Matcher c = continuation.matcher(line);
            boolean end = !c.find();
            String text = end ? line : c.replaceFirst("$1");
            if (end && text.isEmpty()) {
                continue;
            }
            StringBuilder current = new StringBuilder(text);
            while (!end && i + 1 < lines.length) {
                String next = lines[++i];
                if (next.stripLeading().startsWith("#") || next.isBlank()) {
                    continue;
                }
                c = continuation.matcher(next);
                end = !c.find();
                current.append(end ? next : c.replaceFirst("$1"));
            }
            if (current.toString().isBlank()) {
                continue;
            }
            Instruction instruction = Instruction.of(current.toString(), startLine);
            result.add(instruction);
            i = skipHeredocs(instruction, lines, i);
        }
        return new Lines(result, escape);
    }

    /** After a RUN, COPY or ADD with heredocs, the index of the last line of their bodies. */
    private static int skipHeredocs(Instruction instruction, String[] lines, int last) {
        int i = last;
        for (Heredoc heredoc : heredocs(instruction)) {
            while (i + 1 < lines.length) {
                String body = lines[++i];
                if ((heredoc.stripTabs() ? body.replaceFirst("^\\t+", "") : body).equals(heredoc.name())) {
                    break;
                }
            }
        }
        return i;
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
