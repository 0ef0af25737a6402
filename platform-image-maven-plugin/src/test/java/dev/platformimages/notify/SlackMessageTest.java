package dev.platformimages.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platformimages.release.ReleaseState;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlackMessageTest {

    @Test
    void releaseAndFailureMessagesAreTheExpectedBlocks() {
        PayloadFixtures.assertPayload("slack-release.json", SlackMessage.message(Events.released()));
        PayloadFixtures.assertPayload("slack-failure.json", SlackMessage.message(Events.failedIntegrationTest()));
    }

    @Test
    void textIsEscapedSoThatLogLinesAreNotReadAsLinks() {
        String text = SlackMessage.message(Events.failedIntegrationTest()).toString();
        assertTrue(text.contains("Program.&lt;Main&gt;$"), text);
        assertEquals("a &amp; b &lt;https://x|y&gt;", SlackMessage.escape("a & b <https://x|y>"));
    }

    @Test
    void blocksStayWithinSlackLimits() {
        ReleaseState state = Events.published();
        state.repository = "platform/" + "r".repeat(200);
        state.changes = Collections.nCopies(100, "c".repeat(400));
        ObjectNode message = SlackMessage.message(ReleaseEvent.released(state, Events.GITHUB, Events.NOW));
        for (JsonNode block : message.get("blocks")) {
            switch (block.get("type").asText()) {
                case "header":
                    assertTrue(block.get("text").get("text").asText().length() <= 150);
                    break;
                case "section":
                    if (block.has("text")) {
                        assertTrue(block.get("text").get("text").asText().length() <= 3000);
                    } else {
                        assertTrue(block.get("fields").size() <= 10);
                        block.get("fields").forEach(f -> assertTrue(f.get("text").asText().length() <= 2000));
                    }
                    break;
                default:
                    assertTrue(List.of("actions", "context").contains(block.get("type").asText()), block::toString);
            }
        }
    }
}
