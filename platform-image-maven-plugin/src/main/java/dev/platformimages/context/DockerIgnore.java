package dev.platformimages.context;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of a {@code .dockerignore} file as the engine applies them: glob patterns ({@code *}, {@code ?},
 * {@code [..]}, {@code **} for any number of directories), {@code !} exceptions, the last matching rule wins,
 * and a pattern that matches a directory excludes everything below it.
 */
public final class DockerIgnore {

    private static final class Rule {
        final Pattern pattern;
        final boolean exception;

        Rule(Pattern pattern, boolean exception) {
            this.pattern = pattern;
            this.exception = exception;
        }
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    public static DockerIgnore none() {
        return new DockerIgnore(List.of());
    }

    public static DockerIgnore parse(String content) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : content.split("\\r?\\n")) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exception = line.startsWith("!");
            if (exception) {
                line = line.substring(1).trim();
            }
            String cleaned = clean(line);
            if (cleaned.isEmpty()) {
                continue;
            }
            rules.add(new Rule(Pattern.compile(toRegex(cleaned)), exception));
        }
        return new DockerIgnore(rules);
    }

    /** Whether any rule is an exception: then an excluded directory must still be walked. */
    public boolean hasExceptions() {
        return rules.stream().anyMatch(r -> r.exception);
    }

    /** @param path relative to the context, '/'-separated */
    public boolean excludes(String path) {
        boolean excluded = false;
        for (Rule rule : rules) {
            if (matchesOrParentMatches(rule.pattern, path)) {
                excluded = !rule.exception;
            }
        }
        return excluded;
    }

    private static boolean matchesOrParentMatches(Pattern pattern, String path) {
        if (pattern.matcher(path).matches()) {
            return true;
        }
        int slash = path.lastIndexOf('/');
        while (slash > 0) {
            if (pattern.matcher(path.substring(0, slash)).matches()) {
                return true;
            }
            slash = path.lastIndexOf('/', slash - 1);
        }
        return false;
    }

    private static String clean(String pattern) {
        List<String> parts = new ArrayList<>();
        for (String part : pattern.replace('\\', '/').split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(part);
        }
        return String.join("/", parts);
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    // "**/" matches zero or more directories; a trailing "**" matches everything below.
                    i += 2;
                    if (i < glob.length() && glob.charAt(i) == '/') {
                        regex.append("(?:.*/)?");
                        i++;
                    } else {
                        regex.append(".*");
                    }
                    continue;
                }
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 1);
                if (close < 0) {
                    regex.append("\\[");
                } else {
                    String cls = glob.substring(i + 1, close);
                    if (cls.startsWith("^") || cls.startsWith("!")) {
                        cls = "^" + cls.substring(1);
                    }
                    regex.append('[').append(cls.replace("\\", "\\\\")).append(']');
                    i = close;
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return regex.toString();
    }
}
