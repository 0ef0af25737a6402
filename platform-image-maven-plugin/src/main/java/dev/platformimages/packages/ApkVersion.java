package dev.platformimages.packages;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Alpine package version order (apk-package(5): {@code number{.number}...{letter}{_suffix{number}}...{-rN}}).
 * The first number and the revision compare as numbers; a later number with leading zeros counts as a smaller
 * fraction ({@code 1.02 < 1.1}); a letter follows its number ({@code 1.0 < 1.0a}); the suffixes alpha, beta, pre
 * and rc come before the plain version and cvs, svn, git, hg and p after it ({@code 1.1_rc1 < 1.1 < 1.1_p1}); where
 * one version goes on with another number it is the newer ({@code 1.2 < 1.2.1}). A version that does not follow
 * the format compares as far as it does, then as text.
 */
public final class ApkVersion {

    /** The order of Alpine versions. */
    public static final Comparator<String> ORDER = ApkVersion::compare;

    private static final List<String> PRE = List.of("alpha", "beta", "pre", "rc");
    private static final List<String> POST = List.of("cvs", "svn", "git", "hg", "p");

    /** Kinds in the order that decides between two versions that agree up to where one goes on differently. */
    private enum Kind { DOT_NUMBER, NUMBER, LETTER, SUFFIX, SUFFIX_NUMBER, REVISION, END, INVALID }

    private record Token(Kind kind, long value) {
    }

    private ApkVersion() {
    }

    public static int compare(String a, String b) {
        List<Token> x = tokens(a == null ? "" : a.strip());
        List<Token> y = tokens(b == null ? "" : b.strip());
        for (int i = 0; ; i++) {
            Token s = x.get(i);
            Token t = y.get(i);
            if (s.kind == Kind.INVALID || t.kind == Kind.INVALID) {
                return Integer.signum(String.valueOf(a).compareTo(String.valueOf(b)));
            }
            if (s.kind != t.kind) {
                // One goes on where the other ends or goes on differently: a pre-release suffix makes it older,
                // otherwise the kind that sorts first (another number before a letter, a suffix, a revision, the end)
                // makes it newer.
                if (s.kind == Kind.SUFFIX && s.value < 0) {
                    return -1;
                }
                if (t.kind == Kind.SUFFIX && t.value < 0) {
                    return 1;
                }
                return s.kind.compareTo(t.kind) < 0 ? 1 : -1;
            }
            if (s.value != t.value) {
                return Long.compare(s.value, t.value);
            }
            if (s.kind == Kind.END) {
                return 0;
            }
        }
    }

    private static List<Token> tokens(String v) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = v.length();
        int start = i;
        while (i < n && isDigit(v.charAt(i))) {
            i++;
        }
        if (i == start) {
            tokens.add(new Token(Kind.INVALID, 0));
            return tokens;
        }
        tokens.add(new Token(Kind.NUMBER, number(v, start, i)));
        boolean suffixes = false;
        boolean letter = false;
        while (i < n) {
            char c = v.charAt(i);
            if (c == '.' && !letter && !suffixes && i + 1 < n && isDigit(v.charAt(i + 1))) {
                i++;
                int zeros = 0;
                while (i < n && v.charAt(i) == '0') {
                    zeros++;
                    i++;
                }
                if (zeros > 0) {
                    tokens.add(new Token(Kind.DOT_NUMBER, -zeros)); // leading zeros: a smaller fraction
                    start = i;
                    while (i < n && isDigit(v.charAt(i))) {
                        i++;
                    }
                    if (i > start) {
                        tokens.add(new Token(Kind.NUMBER, number(v, start, i)));
                    }
                } else {
                    start = i;
                    while (i < n && isDigit(v.charAt(i))) {
                        i++;
                    }
                    tokens.add(new Token(Kind.DOT_NUMBER, number(v, start, i)));
                }
            } else if (c >= 'a' && c <= 'z' && !letter && !suffixes) {
                tokens.add(new Token(Kind.LETTER, c));
                letter = true;
                i++;
            } else if (c == '_') {
                int end = i + 1;
                while (end < n && v.charAt(end) >= 'a' && v.charAt(end) <= 'z') {
                    end++;
                }
                String name = v.substring(i + 1, end);
                long rank = PRE.contains(name) ? PRE.indexOf(name) - PRE.size() : POST.indexOf(name);
                if (rank == -1 && !PRE.contains(name)) {
                    tokens.add(new Token(Kind.INVALID, 0));
                    return tokens;
                }
                tokens.add(new Token(Kind.SUFFIX, rank));
                suffixes = true;
                i = end;
                start = i;
                while (i < n && isDigit(v.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    tokens.add(new Token(Kind.SUFFIX_NUMBER, number(v, start, i)));
                }
            } else if (c == '-' && i + 2 < n && v.charAt(i + 1) == 'r' && isDigit(v.charAt(i + 2))) {
                start = i + 2;
                i = start;
                while (i < n && isDigit(v.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.REVISION, number(v, start, i)));
                if (i < n) {
                    tokens.add(new Token(Kind.INVALID, 0));
                    return tokens;
                }
            } else {
                tokens.add(new Token(Kind.INVALID, 0));
                return tokens;
            }
        }
        tokens.add(new Token(Kind.END, 0));
        return tokens;
    }

    /** Digits as a number; beyond 18 digits (dates with time and more), the first 18 decide. */
    private static long number(String v, int from, int to) {
        String digits = v.substring(from, Math.min(to, from + 18));
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
