package dev.platformimages.dockerfile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Word expansion as BuildKit's shell lexer does it. Each row: the word, and what BuildKit makes of it with
 * HOME=/root, REG=mirror.local, EMPTY= (set, empty) and nothing else set; {@code !} for an error.
 */
class ShellLexTest {

    private static final Map<String, String> ENV = Map.of("HOME", "/root", "REG", "mirror.local", "EMPTY", "");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            plain                         | plain
            no'sp'ace                     | nospace
            'unterminated                 | !
            "unterminated                 | !
            a\\'b                         | a'b
            x\\ty                         | xty
            "x\\ty"                       | x\\ty
            "x\\"y"                       | x"y
            'x\\ty'                       | x\\ty
            trailing\\                    | trailing
            $.                            | $.
            a$1b                          | ab
            $HOME/x                       | /root/x
            \\$HOME                       | $HOME
            "$HOME"                       | /root
            '$HOME'                       | $HOME
            ${HOME}x                      | /rootx
            ${}                           | !
            ${:x}                         | !
            ${HOME                        | !
            ${UNSET}x                     | x
            ${UNSET:-d}                   | d
            ${EMPTY:-d}                   | d
            ${EMPTY-d}                    | ``
            ${UNSET-d}                    | d
            ${HOME:-d}                    | /root
            ${UNSET:+w}                   | ``
            ${HOME:+w}                    | w
            ${EMPTY+w}                    | w
            ${UNSET:-${REG}/img}          | mirror.local/img
            ${UNSET:-${UNSET2:-hub}/img}  | hub/img
            ${HOME:+${REG}:}x             | mirror.local:x
            ${UNSET:-\\$HOME}             | $HOME
            ${UNSET?}                     | !
            ${UNSET:?gone}                | !
            ${EMPTY?}                     | ``
            ${EMPTY:?}                    | !
            ${HOME:=x}                    | !
            ${HOME:x}                     | !
            ${REG#mirror.}                | local
            ${REG#*.}                     | local
            ${REG##*o}                    | cal
            ${REG%.local}                 | mirror
            ${REG%o*}                     | mirror.l
            ${REG%%o*}                    | mirr
            ${REG/r/R}                    | miRror.local
            ${REG//r/R}                   | miRRoR.local
            ${REG/#m/M}                   | mirror.local
            ${REG:#x}                     | !
            """)
    void expandsAsBuildKit(String word, String expected) {
        if (expected.equals("!")) {
            assertThrows(DockerfileException.class, () -> new ShellLex('\\').process(word, ENV));
        } else {
            assertEquals(expected, new ShellLex('\\').process(word, ENV).value());
        }
    }

    @ParameterizedTest(name = "{0} misses {1}")
    @CsvSource(delimiter = '|', textBlock = """
            $UNSET/x                  | UNSET
            ${UNSET:-d}               | ''
            ${HOME:-${UNSET}}         | ''
            ${UNSET:-${UNSET2}}       | UNSET2
            ${HOME:+${UNSET2}}        | UNSET2
            ${UNSET:+${UNSET2}}       | ''
            ${UNSET#x}                | UNSET
            """)
    void missingNamesAreThoseWhoseEmptinessReachesTheResult(String word, String missing) {
        assertEquals(missing.isEmpty() ? Set.of() : Set.of(missing), new ShellLex('\\').process(word, ENV).missing());
    }

    @ParameterizedTest(name = "backtick escape: {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            C:\\path`$x   | C:\\path$x
            a`'b          | a'b
            """)
    void theEscapeDirectiveChangesTheEscapeCharacter(String word, String expected) {
        assertEquals(expected, new ShellLex('`').process(word, ENV).value());
    }
}
