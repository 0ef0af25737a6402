package dev.platformimages.context;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerIgnoreTest {

    @Test
    void globsDirectoriesAndExceptions() {
        DockerIgnore ignore = DockerIgnore.parse(String.join("\n",
                "# comment", "", "*.md", "!README.md", "/secrets", "**/*.tmp", "docs/*/draft?", "bin/"));
        assertTrue(ignore.excludes("NOTES.md"));
        assertFalse(ignore.excludes("README.md"));
        assertFalse(ignore.excludes("sub/NOTES.md"), "* does not cross folders");
        assertTrue(ignore.excludes("secrets"));
        assertTrue(ignore.excludes("secrets/key.pem"), "a matching folder excludes what is below it");
        assertTrue(ignore.excludes("a.tmp"));
        assertTrue(ignore.excludes("deep/er/a.tmp"));
        assertTrue(ignore.excludes("docs/x/draft1"));
        assertFalse(ignore.excludes("docs/x/y/draft1"));
        assertTrue(ignore.excludes("bin/tool"));
        assertFalse(ignore.excludes("Dockerfile"));
        assertTrue(ignore.hasExceptions());
    }

    @Test
    void lastMatchingRuleWins() {
        DockerIgnore ignore = DockerIgnore.parse("!keep.txt\n*.txt\n");
        assertTrue(ignore.excludes("keep.txt"));
        assertFalse(DockerIgnore.parse("*\n!app\n").excludes("app/x"));
    }

    @Test
    void characterClassesAndCleanedPatterns() {
        DockerIgnore ignore = DockerIgnore.parse("./logs/../logs/[a-c].log\n[!x]y\n");
        assertTrue(ignore.excludes("logs/a.log"));
        assertFalse(ignore.excludes("logs/d.log"));
        assertTrue(ignore.excludes("zy"));
        assertFalse(ignore.excludes("xy"));
    }

    @Test
    void noneExcludesNothing() {
        assertFalse(DockerIgnore.none().excludes("anything"));
        assertFalse(DockerIgnore.none().hasExceptions());
    }
}
