package dev.platformimages.dockerfile;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Quote removal and variable expansion of one Dockerfile word, as BuildKit's shell lexer does it
 * ({@code frontend/dockerfile/shell/lex.go}): single and double quotes, the escape character, {@code $NAME},
 * {@code ${NAME}} and the modifiers {@code :- - :+ + :? ? # ## % %%} and {@code / //}, with nested expansion in
 * their words. Unset names expand to nothing, as in BuildKit; {@link Result#missing()} lists those whose emptiness
 * reached the result (not {@code ${X:-default}} with X unset, not the word of a modifier that was not used), so that
 * the caller can refuse what it cannot know. Errors carry BuildKit's own wording.
 */
final class ShellLex {

    private static final int EOF = -1;

    /** The expanded word, and the names not set whose empty value is part of it. */
    record Result(String value, Set<String> missing) {
    }

    private final int escape;
    private int[] source;
    private int pos;
    private boolean rawEscapes;
    private Map<String, String> env;
    private Set<String> missing;

    ShellLex(char escape) {
        this.escape = escape;
    }

    /**
     * Expands {@code word} with {@code env} (a name mapped to null counts as unset).
     *
     * @throws DockerfileException with BuildKit's message when the word does not parse
     */
    Result process(String word, Map<String, String> env) {
        this.source = word.codePoints().toArray();
        this.pos = 0;
        this.rawEscapes = false;
        this.env = env;
        this.missing = new TreeSet<>();
        String value = processStopOn(EOF, false);
        return new Result(value, missing);
    }

    private int peek() {
        return pos < source.length ? source[pos] : EOF;
    }

    private int next() {
        return pos < source.length ? source[pos++] : EOF;
    }

    private String processStopOn(int stopChar, boolean raw) {
        StringBuilder result = new StringBuilder();
        boolean saved = rawEscapes;
        rawEscapes = raw;
        try {
            while (peek() != EOF) {
                int ch = peek();
                if (stopChar != EOF && ch == stopChar) {
                    next();
                    return result.toString();
                }
                if (ch == '$') {
                    result.append(processDollar());
                } else if (ch == '<') {
                    result.append(processPossibleHeredoc());
                } else if (ch == '\'') {
                    result.append(processSingleQuote());
                } else if (ch == '"') {
                    result.append(processDoubleQuote());
                } else {
                    ch = next();
                    if (ch == escape) {
                        if (rawEscapes) {
                            result.appendCodePoint(ch);
                        }
                        ch = next(); // the escape character escapes the next one, except at the end
                        if (ch == EOF) {
                            break;
                        }
                    }
                    result.appendCodePoint(ch);
                }
            }
            if (stopChar != EOF) {
                throw new DockerfileException("unexpected end of statement while looking for matching "
                        + Character.toString(stopChar));
            }
            return result.toString();
        } finally {
            rawEscapes = saved;
        }
    }

    private String processSingleQuote() {
        StringBuilder result = new StringBuilder();
        next();
        while (true) {
            int ch = next();
            if (ch == EOF) {
                throw new DockerfileException("unexpected end of statement while looking for matching single-quote");
            }
            if (ch == '\'') {
                return result.toString();
            }
            result.appendCodePoint(ch);
        }
    }

    private String processDoubleQuote() {
        StringBuilder result = new StringBuilder();
        next();
        while (true) {
            int peek = peek();
            if (peek == EOF) {
                throw new DockerfileException("unexpected end of statement while looking for matching double-quote");
            }
            if (peek == '"') {
                next();
                return result.toString();
            }
            if (peek == '$') {
                result.append(processDollar());
                continue;
            }
            int ch = next();
            if (ch == escape) {
                if (rawEscapes) {
                    result.appendCodePoint(ch);
                }
                int after = peek();
                if (after == EOF) {
                    continue;
                }
                if (after == '"' || after == '$' || after == escape) {
                    ch = next();
                }
            }
            result.appendCodePoint(ch);
        }
    }

    private String processDollar() {
        next();
        if (peek() != '{') {
            String name = processName();
            return name.isEmpty() ? "$" : value(name);
        }
        next();
        int first = peek();
        if (first == EOF) {
            throw new DockerfileException("syntax error: missing '}'");
        }
        if (first == '{' || first == '}' || first == ':') {
            throw new DockerfileException("syntax error: bad substitution");
        }
        String name = processName();
        int ch = next();
        String modifier = ch == EOF ? "" : Character.toString(ch);
        if (ch == '}') {
            return value(name);
        }
        if (ch == '/') {
            return replace(name);
        }
        boolean nullIsUnset = false;
        if (ch == ':') {
            nullIsUnset = true;
            ch = next();
            modifier += ch == EOF ? "" : Character.toString(ch);
        } else if (ch != '+' && ch != '-' && ch != '?' && ch != '#' && ch != '%') {
            throw new DockerfileException("unsupported modifier (" + modifier + ") in substitution");
        }
        boolean raw = ch == '#' || ch == '%';
        if (nullIsUnset && raw) {
            throw new DockerfileException("unsupported modifier (" + modifier + ") in substitution");
        }
        Set<String> outer = missing;
        missing = new TreeSet<>();
        String word = wordUntil('}', raw, "syntax error: missing '}'");
        Set<String> inWord = missing;
        missing = outer;
        String value = env.get(name);
        boolean set = value != null;
        boolean empty = !set || nullIsUnset && value.isEmpty();
        switch (ch) {
            case '-':
                if (empty) {
                    missing.addAll(inWord);
                    return word;
                }
                return value;
            case '+':
                if (empty) {
                    return "";
                }
                missing.addAll(inWord);
                return word;
            case '?':
                if (!set) {
                    throw new DockerfileException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                }
                if (nullIsUnset && value.isEmpty()) {
                    throw new DockerfileException(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                }
                return value;
            case '%':
            case '#': {
                boolean greedy = !word.isEmpty() && word.codePointAt(0) == ch;
                String pattern = greedy ? word.substring(Character.charCount(ch)) : word;
                missing.addAll(inWord);
                if (!set) {
                    missing.add(name);
                }
                String subject = set ? value : "";
                return ch == '%' ? trimSuffix(pattern, subject, greedy) : trimPrefix(pattern, subject, greedy);
            }
            default:
                throw new DockerfileException("unsupported modifier (" + modifier + ") in substitution");
        }
    }

    /** {@code ${NAME/pattern/replacement}} and {@code ${NAME//pattern/replacement}}. */
    private String replace(String name) {
        boolean all = peek() == '/';
        if (all) {
            next();
        }
        String pattern = wordUntil('/', true, "syntax error: missing '/' in ${}");
        String replacement = wordUntil('}', true, "syntax error: missing '}'");
        String value = value(name);
        Matcher m = toRegex(pattern, true, false).matcher(value);
        if (all) {
            return m.replaceAll(Matcher.quoteReplacement(replacement));
        }
        return m.find() ? value.substring(0, m.start()) + replacement + value.substring(m.end()) : value;
    }

    private String wordUntil(int stop, boolean raw, String missing) {
        try {
            return processStopOn(stop, raw);
        } catch (DockerfileException e) {
            if (peek() == EOF) {
                throw new DockerfileException(missing);
            }
            throw e;
        }
    }

    private String value(String name) {
        String value = env.get(name);
        if (value == null) {
            missing.add(name);
            return "";
        }
        return value;
    }

    /** A name: letters, digits and _; or a run of digits; or one special parameter character. */
    private String processName() {
        StringBuilder name = new StringBuilder();
        while (peek() != EOF) {
            int ch = peek();
            if (name.length() == 0 && Character.isDigit(ch)) {
                while (peek() != EOF && Character.isDigit(peek())) {
                    name.appendCodePoint(next());
                }
                return name.toString();
            }
            if (name.length() == 0 && "@*#?-$!0".indexOf(ch) >= 0) {
                next();
                return Character.toString(ch);
            }
            if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
                break;
            }
            name.appendCodePoint(next());
        }
        return name.toString();
    }

    private String processPossibleHeredoc() {
        next();
        if (peek() != '<') {
            return "<";
        }
        next();
        StringBuilder result = new StringBuilder("<<");
        while (peek() == '\t' || peek() == '\r' || peek() == ' ') {
            result.appendCodePoint(next());
        }
        return result.toString();
    }

    /** A shell pattern ({@code *}, {@code ?}, escapes; no brackets) as a regular expression. */
    private static Pattern toRegex(String pattern, boolean greedy, boolean anchored) {
        int[] p = pattern.codePoints().toArray();
        StringBuilder out = new StringBuilder(anchored ? "^" : "");
        for (int i = 0; i < p.length; i++) {
            int tok = p[i];
            if (tok == '*') {
                out.append(greedy ? ".*" : ".*?");
                continue;
            }
            if (tok == '?') {
                out.append('.');
                continue;
            }
            if (tok == '\\') {
                int after = i + 1 < p.length ? p[i + 1] : EOF;
                if (after == '}' || after == '/') {
                    continue; // the escape of ${} syntax is not part of the pattern
                }
                out.append('\\');
                i++;
                if (after != '*' && after != '?' && after != '\\') {
                    throw new DockerfileException("invalid pattern (" + pattern + ") in substitution: invalid escape '\\"
                            + (after == EOF ? "" : Character.toString(after)) + "'");
                }
                out.appendCodePoint(after);
                continue;
            }
            if ("[]{}.+()|^$".indexOf(tok) >= 0) {
                out.append('\\');
            }
            out.appendCodePoint(tok);
        }
        try {
            return Pattern.compile(out.toString());
        } catch (PatternSyntaxException e) {
            throw new DockerfileException("invalid pattern (" + pattern + ") in substitution: " + e.getDescription());
        }
    }

    private static String trimPrefix(String pattern, String value, boolean greedy) {
        Matcher m = toRegex(pattern, greedy, true).matcher(value);
        return m.find() ? value.substring(m.end()) : value;
    }

    /** The shortest or longest rightmost match, found leftmost in the reversed pattern and value. */
    private static String trimSuffix(String pattern, String value, boolean greedy) {
        return reverse(trimPrefix(reversePattern(pattern), reverse(value), greedy));
    }

    /** Reverses a pattern, keeping each escape before the character it escapes: {@code a\*c} becomes {@code c\*a}. */
    private static String reversePattern(String pattern) {
        int[] p = pattern.codePoints().toArray();
        int[] out = new int[p.length];
        int last = p.length - 1;
        for (int i = 0; i <= last; ) {
            int at = last - i;
            if (p[i] == '\\' && i != last) {
                out[at - 1] = p[i];
                out[at] = p[i + 1];
                i += 2;
            } else {
                out[at] = p[i];
                i++;
            }
        }
        return new String(out, 0, out.length);
    }

    private static String reverse(String text) {
        int[] cps = text.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int i = cps.length - 1; i >= 0; i--) {
            out.appendCodePoint(cps[i]);
        }
        return out.toString();
    }
}
