package dev.platformimages.packages;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DebianVersionTest {

    /** Every pair of 45 versions, ordered by dpkg itself (src/test/resources/packages/debian-version-order.txt). */
    @Test
    void ordersEveryPairAsDpkgDoes() throws IOException {
        List<String> wrong = new ArrayList<>();
        int pairs = 0;
        try (InputStream in = getClass().getResourceAsStream("/packages/debian-version-order.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                int expected = switch (f[1]) {
                    case "<" -> -1;
                    case "=" -> 0;
                    default -> 1;
                };
                pairs++;
                if (Integer.signum(DebianVersion.compare(f[0], f[2])) != expected) {
                    wrong.add(line);
                }
            }
        }
        assertEquals(2025, pairs);
        assertEquals(List.of(), wrong);
    }

    @Test
    void theRulesThatAreNotStringOrder() {
        assertTrue(DebianVersion.compare("1:1.0", "2.0") > 0, "an epoch wins");
        assertTrue(DebianVersion.compare("1.0~rc1", "1.0") < 0, "~ sorts before the end");
        assertTrue(DebianVersion.compare("1.10", "1.9") > 0, "numbers as numbers");
        assertTrue(DebianVersion.compare("1.0a", "1.0+") < 0, "letters before other characters");
        assertEquals(0, DebianVersion.compare("1.0", "1.0-0"), "no revision is revision 0");
        assertTrue(DebianVersion.compare("3.0.15-1~deb12u1", "3.0.15-1") < 0, "a stable update of the same revision");
    }
}
