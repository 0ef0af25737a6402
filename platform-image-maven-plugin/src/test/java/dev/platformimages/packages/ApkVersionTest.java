package dev.platformimages.packages;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pairs whose order apk itself gives (apk version -t), covering each rule of the format. */
class ApkVersionTest {

    private static final String[] PAIRS = {
        "1.0 < 1.0.1", "1.2.1 > 1.2", "1.10 > 1.9", "2.34 > 0.1.0_alpha",
        // the revision
        "1.0.4-r3 < 1.0.4-r4", "1.2.2-r1 > 1.2.2", "1.3.5-r10 > 1.3.5-r9", "2.9.11_pre20051101-r3 > 2.9.11_pre20051101",
        // suffixes: alpha < beta < pre < rc < none < cvs < svn < git < hg < p
        "1.1 > 1.1_alpha1", "1.3_alpha < 1.3_alpha2", "0.8_beta1 < 0.8_beta2", "1.0_alpha9 < 1.0_beta1",
        "1.0_beta9 < 1.0_pre1", "1.0_pre9 < 1.0_rc1", "1.0_rc9 < 1.0", "1.0 < 1.0_cvs", "1.0_cvs < 1.0_svn",
        "1.0_svn < 1.0_git", "1.0_git < 1.0_hg", "1.0_hg < 1.0_p1", "1.8.5 < 1.8.5_p2", "1.0_p10-r0 > 1.0_p9-r0",
        "3.1_p16 < 3.1_p17", "0.1.0_alpha_pre2 < 0.1.0_alpha", "1.3_pre1-r1 < 1.3.2", "2.0.0_rc3-r1 > 1.5",
        // a letter follows its number
        "1.0 < 1.0a", "2.5.1-r8 < 2.5.1a-r1", "1.7 < 1.7b", "0.9.8c-r1 < 0.9.8d", "1.1a < 1.3a",
        // later numbers with leading zeros are fractions
        "1.02 < 1.1", "1.06-r6 < 006", "1.2.07.8 < 1.2.12.04", "1.02.07 < 1.02.10-r1", "0.01 < 0.06",
        "3.0.20060720 < 20060720", "0.99.3.20040818 > 0.7",
        // equal
        "0.1.0_alpha = 0.1.0_alpha", "2.16.1-r3 = 2.16.1-r3", "1.0.0 = 1.0.0",
        // a malformed part decides only where it is reached
        "23_foo > 4_beta", "1.0 < 1.0bc",
        // long numbers (timestamps)
        "1.0.0_pre20191002222144-r0 < 1.0.0_pre20210530193627-r0",
    };

    @Test
    void ordersEachPairAsApkDoes() {
        List<String> wrong = new ArrayList<>();
        for (String pair : PAIRS) {
            String[] f = pair.split(" ");
            int expected = switch (f[1]) {
                case "<" -> -1;
                case "=" -> 0;
                default -> 1;
            };
            if (Integer.signum(ApkVersion.compare(f[0], f[2])) != expected
                    || Integer.signum(ApkVersion.compare(f[2], f[0])) != -expected) {
                wrong.add(pair);
            }
        }
        assertEquals(List.of(), wrong);
    }
}
