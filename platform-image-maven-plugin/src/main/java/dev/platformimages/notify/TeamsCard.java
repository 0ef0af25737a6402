package dev.platformimages.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The Teams message: an Adaptive Card 1.4 (the newest version Teams renders) in the {@code attachments} envelope
 * that Workflows webhooks require and legacy connectors accept. Uses only elements and properties of 1.4.
 */
public final class TeamsCard {

    public static final String CARD_VERSION = "1.4";
    public static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

    private TeamsCard() {
    }

    public static ObjectNode message(ReleaseEvent event) {
        ObjectNode message = Payloads.object();
        message.put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("contentType", CONTENT_TYPE);
        attachment.putNull("contentUrl");
        attachment.set("content", card(event));
        return message;
    }

    public static ObjectNode card(ReleaseEvent event) {
        boolean released = event.outcome() != ReleaseEvent.Outcome.FAILED;
        boolean rolledBack = event.outcome() == ReleaseEvent.Outcome.ROLLED_BACK;
        ObjectNode card = Payloads.object();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", CARD_VERSION);
        card.put("fallbackText", event.title());
        ArrayNode body = card.putArray("body");

        ObjectNode title = text(body, (rolledBack ? "⏪ " : released ? "✅ " : "❌ ") + event.title());
        title.put("size", "Large");
        title.put("weight", "Bolder");
        title.put("color", rolledBack ? "Warning" : released ? "Good" : "Attention");
        if (released && event.explanation() != null) {
            text(body, event.explanation()).put("isSubtle", true);
        }
        if (!released) {
            text(body, Payloads.cut(event.failure().error(), Payloads.ERROR_CHARS));
        }
        if (event.untested()) {
            text(body, Payloads.UNTESTED_TEXT).put("color", "Warning").put("weight", "Bolder");
        }

        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        fact(facts, "Image", event.image());
        fact(facts, released ? "Version" : "Version attempted", event.versionTag());
        fact(facts, "Digest", event.digest());
        if (released) {
            fact(facts, "Floating tags", event.floatingTags().isEmpty() ? null : String.join(", ", event.floatingTags()));
        }
        fact(facts, "Why", Payloads.reasonText(event));
        if (!released) {
            fact(facts, "Failed at", event.failure().step());
            fact(facts, "Published", event.failure().published());
        }
        fact(facts, "Duration", event.durationText());
        if (event.ci() != null) {
            fact(facts, "Run", event.ci().provider() + (event.ci().actor() != null ? " by " + event.ci().actor() : "")
                    + (event.ci().trigger() != null ? " (" + event.ci().trigger() + ")" : ""));
        }

        section(body, "Changes", event.changes());
        section(body, "Packages", Payloads.packageLines(event));
        section(body, "Scan findings", Payloads.findingLines(event));
        section(body, released ? "Tests passed" : "Tests passed before the failure",
                event.checks().stream().map(Payloads::checkText).toList());
        if (!released && !event.failure().log().isEmpty()) {
            ObjectNode container = body.addObject();
            container.put("type", "Container");
            container.put("style", "emphasis");
            ArrayNode items = container.putArray("items");
            text(items, "Last lines of the log").put("weight", "Bolder");
            for (String line : Payloads.tail(event.failure().log())) {
                ObjectNode lineBlock = text(items, line.isEmpty() ? " " : line);
                lineBlock.put("fontType", "Monospace");
                lineBlock.put("spacing", "None");
                lineBlock.put("size", "Small");
            }
        }

        ArrayNode actions = card.putArray("actions");
        if (event.ci() != null && event.ci().url() != null) {
            link(actions, "Open the " + event.ci().provider() + " run", event.ci().url());
        }
        if (event.consoleUrl() != null) {
            link(actions, "Open in the ECR console", event.consoleUrl());
        }
        if (actions.isEmpty()) {
            card.remove("actions");
        }
        return card;
    }

    private static ObjectNode text(ArrayNode into, String text) {
        ObjectNode block = into.addObject();
        block.put("type", "TextBlock");
        block.put("text", text);
        block.put("wrap", true);
        return block;
    }

    private static void fact(ArrayNode facts, String title, String value) {
        if (value != null && !value.isBlank()) {
            facts.addObject().put("title", title).put("value", value);
        }
    }

    private static void section(ArrayNode body, String heading, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        ObjectNode head = text(body, heading);
        head.put("weight", "Bolder");
        head.put("spacing", "Medium");
        for (String line : lines) {
            text(body, "• " + Payloads.cut(line, Payloads.LINE_CHARS)).put("spacing", "None");
        }
    }

    private static void link(ArrayNode actions, String title, String url) {
        actions.addObject().put("type", "Action.OpenUrl").put("title", title).put("url", url);
    }
}
