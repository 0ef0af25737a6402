package dev.platformimages.packages;

import java.util.Comparator;

/**
 * Debian package version order, as deb-version(7) specifies it: {@code [epoch:]upstream_version[-debian_revision]};
 * epochs compare as numbers, then the upstream versions, then the revisions (an absent revision is "0"), each by
 * alternating a non-digit part (letters before non-letters, and {@code ~} before anything, even the end) and a digit
 * part (as numbers, of any length). Not string order: {@code 1:1.0 > 2.0}, {@code 1.0~rc1 < 1.0}, {@code 1.10 > 1.9}.
 * A malformed version still compares (an epoch that is not a number counts as part of the upstream version).
 */
public final class DebianVersion {

    /** The order of Debian versions. */
    public static final Comparator<String> ORDER = DebianVersion::compare;

    private DebianVersion() {
    }

    public static int compare(String a, String b) {
        String[] x = split(a);
        String[] y = split(b);
        int c = compareNumbers(x[0], y[0]);
        if (c != 0) {
            return c;
        }
        c = compareParts(x[1], y[1]);
        return c != 0 ? c : compareParts(x[2], y[2]);
    }

    /** epoch (digits, "0" when none), upstream version, revision ("" when none). */
    private static String[] split(String version) {
        String v = version == null ? "" : version.strip();
        String epoch = "0";
        int colon = v.indexOf(':');
        if (colon > 0 && v.substring(0, colon).chars().allMatch(Character::isDigit)) {
            epoch = v.substring(0, colon);
            v = v.substring(colon + 1);
        }
        int hyphen = v.lastIndexOf('-');
        String revision = "";
        if (hyphen >= 0) {
            revision = v.substring(hyphen + 1);
            v = v.substring(0, hyphen);
        }
        return new String[] {epoch, v, revision};
    }

    /** One of upstream version or revision, part by part. */
    private static int compareParts(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            // the non-digit parts, character by character; the end of a part weighs 0
            while ((i < a.length() && !isDigit(a.charAt(i))) || (j < b.length() && !isDigit(b.charAt(j)))) {
                int wa = i < a.length() && !isDigit(a.charAt(i)) ? weight(a.charAt(i)) : 0;
                int wb = j < b.length() && !isDigit(b.charAt(j)) ? weight(b.charAt(j)) : 0;
                if (wa != wb) {
                    return Integer.compare(wa, wb);
                }
                if (i < a.length() && !isDigit(a.charAt(i))) {
                    i++;
                }
                if (j < b.length() && !isDigit(b.charAt(j))) {
                    j++;
                }
            }
            int endA = i;
            while (endA < a.length() && isDigit(a.charAt(endA))) {
                endA++;
            }
            int endB = j;
            while (endB < b.length() && isDigit(b.charAt(endB))) {
                endB++;
            }
            int c = compareNumbers(a.substring(i, endA), b.substring(j, endB));
            if (c != 0) {
                return c;
            }
            i = endA;
            j = endB;
        }
        return 0;
    }

    /** Two digit strings as numbers of any length; the empty string is 0. */
    private static int compareNumbers(String a, String b) {
        String x = stripZeros(a);
        String y = stripZeros(b);
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : Integer.signum(x.compareTo(y));
    }

    private static String stripZeros(String digits) {
        int k = 0;
        while (k < digits.length() && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }

    /** ~ first, then the end of a part (0), letters, then every other character. */
    private static int weight(char c) {
        if (c == '~') {
            return -1;
        }
        if (Character.isLetter(c) && c < 128) {
            return c;
        }
        return c + 256;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
