package dev.platformimages.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.platformimages.decision.UpdateReason;
import dev.platformimages.release.ReleaseState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Teams cards match the expected JSON and are valid Adaptive Cards 1.4: checked against the 1.4 schema
 * (a copy of ../shared/schemas/adaptive-card-1.4.json, from microsoft/AdaptiveCards, MIT licence), whose
 * elements forbid properties they do not define, so nothing newer than 1.4 passes.
 */
class TeamsCardTest {

    private static final JsonSchema CARD_1_4 = schema();

    private static JsonSchema schema() {
        ObjectNode schema = (ObjectNode) PayloadFixtures.read("adaptive-card-1.4.json");
        schema.remove("id"); // the draft-04 spelling of $id, which the draft-06 validator refuses; only a name
        // The schema annotates properties with the card version and features that introduced them.
        JsonMetaSchema meta = JsonMetaSchema.builder(JsonMetaSchema.getV6())
                .keywords(List.of(new NonValidationKeyword("version"), new NonValidationKeyword("features"),
                        new NonValidationKeyword("example")))
                .build();
        return JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V6))
                .metaSchema(meta).build().getSchema(schema);
    }

    private static Set<ValidationMessage> validate(JsonNode card) {
        return CARD_1_4.validate(card);
    }

    private static void assertValidCard(ObjectNode message) {
        assertEquals("message", message.get("type").asText());
        JsonNode attachment = message.get("attachments").get(0);
        assertEquals("application/vnd.microsoft.card.adaptive", attachment.get("contentType").asText());
        JsonNode card = attachment.get("content");
        assertEquals("1.4", card.get("version").asText());
        assertEquals(Set.of(), validate(card));
    }

    @Test
    void theReleaseCardIsTheExpectedValidCard() {
        ObjectNode message = TeamsCard.message(Events.released());
        PayloadFixtures.assertPayload("teams-release.json", message);
        assertValidCard(message);
    }

    @Test
    void anUntestedReleaseSaysSoOnEveryChannel() {
        ReleaseState state = Events.published();
        state.checks = java.util.List.of();
        state.untested = true;
        ReleaseEvent event = ReleaseEvent.released(state, Events.GITHUB, Events.NOW);
        ObjectNode message = TeamsCard.message(event);
        assertValidCard(message);
        String untested = "Released untested: no gate ran on this image (platform.allowUntested=true)";
        org.junit.jupiter.api.Assertions.assertTrue(message.toString().contains(untested), message::toString);
        org.junit.jupiter.api.Assertions.assertTrue(message.toString().contains("8.0-bookworm-slim-1.3.1 UNTESTED"));
        org.junit.jupiter.api.Assertions.assertTrue(SlackMessage.message(event).toString().contains(untested));
        assertEquals(true, WebhookDocument.document(event).get("release").get("untested").asBoolean());
    }

    @Test
    void theFailureCardIsTheExpectedValidCard() {
        ObjectNode message = TeamsCard.message(Events.failedIntegrationTest());
        PayloadFixtures.assertPayload("teams-failure.json", message);
        assertValidCard(message);
    }

    @Test
    void aFirstVersionOutsideCiWithAHugeLogIsStillValidAndShort() {
        ReleaseState state = Events.published();
        state.reason = UpdateReason.FIRST_VERSION;
        state.changes = List.of();
        state.startedAt = null;
        state.registry = "127.0.0.1:5000";
        List<String> log = new ArrayList<>();
        IntStream.range(0, 500).forEach(i -> log.add("line " + i + " " + "x".repeat(1000)));
        ReleaseEvent failed = ReleaseEvent.failed(state.registry, state.repository, state.tag, state, "build",
                "e".repeat(10_000), log, null, Events.NOW);
        for (ReleaseEvent event : List.of(ReleaseEvent.released(state, null, Events.NOW), failed)) {
            ObjectNode message = TeamsCard.message(event);
            assertValidCard(message);
            assertFalse(message.get("attachments").get(0).get("content").has("actions"), "no links to offer");
            assertTrue(message.toString().length() < 28_000, "Teams refuses messages over 28 KB");
        }
        String text = TeamsCard.message(failed).toString();
        assertTrue(text.contains("line 499 "), "the last line is shown");
        assertFalse(text.contains("line 479 "), "only the last 20 lines are");
    }

    @Test
    void theSchemaCheckCatchesAnElementNewerThan1_4() {
        ObjectNode card = TeamsCard.card(Events.released());
        card.withArray("body").addObject().put("type", "Table"); // Adaptive Cards 1.5
        assertFalse(validate(card).isEmpty());
        ObjectNode unknownProperty = TeamsCard.card(Events.released());
        ((ObjectNode) unknownProperty.get("body").get(0)).put("style", "heading"); // TextBlock.style is 1.5
        assertFalse(validate(unknownProperty).isEmpty());
    }

    @Test
    void aRollbackCardIsValidAndSaysFromWhatToWhat() {
        ReleaseEvent event = ReleaseEvent.rolledBack("127.0.0.1:5000", "platform/busybox", "1.35-stable", "1.35-stable-1.1.0",
                "sha256:bad", "1.35-stable-1.0.0", "sha256:good", java.util.List.of("latest", "1.35-stable"), Events.GITHUB);
        ObjectNode message = TeamsCard.message(event);
        assertValidCard(message);
        String text = message.toString();
        assertTrue(text.contains("Rolled back platform/busybox:1.35-stable to 1.35-stable-1.0.0"), text);
        assertTrue(text.contains("Floating tags moved back from 1.35-stable-1.1.0 (sha256:bad) to 1.35-stable-1.0.0 "
                + "(sha256:good) by alice"), text);
        assertTrue(NotifyOn.RELEASE.covers(ReleaseEvent.Outcome.ROLLED_BACK) && !NotifyOn.FAILURE.covers(ReleaseEvent.Outcome.ROLLED_BACK));
        assertEquals("rolled_back", WebhookDocument.document(event).get("event").asText());
    }
}
