package dev.platformimages.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The Slack incoming-webhook message: Block Kit blocks plus a {@code text} fallback for notifications. Kept
 * within Slack's limits (header 150 characters, section text 3000, 10 fields of 2000).
 */
public final class SlackMessage {

    private SlackMessage() {
    }

    public static ObjectNode message(ReleaseEvent event) {
        boolean released = event.outcome() != ReleaseEvent.Outcome.FAILED;
        ObjectNode message = Payloads.object();
        message.put("text", event.title());
        ArrayNode blocks = message.putArray("blocks");

        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text",
                Payloads.cut((event.outcome() == ReleaseEvent.Outcome.ROLLED_BACK ? "⏪ " : released ? "✅ " : "❌ ")
                        + event.title(), 150));
        String lead = released ? event.explanation() : event.failure().error();
        if (lead != null) {
            section(blocks, escape(Payloads.cut(lead, Payloads.ERROR_CHARS)));
        }

        List<String> fields = new ArrayList<>();
        field(fields, "Image", code(event.image()));
        field(fields, released ? "Version" : "Version attempted", code(event.versionTag()));
        field(fields, "Digest", code(event.digest()));
        if (released && !event.floatingTags().isEmpty()) {
            field(fields, "Floating tags", escape(String.join(", ", event.floatingTags())));
        }
        field(fields, "Why", escape(Payloads.reasonText(event)));
        if (!released) {
            field(fields, "Failed at", escape(event.failure().step()));
            field(fields, "Published", escape(event.failure().published()));
        }
        field(fields, "Duration", event.durationText());
        if (event.untested()) {
            section(blocks, ":warning: *" + escape(Payloads.UNTESTED_TEXT) + "*");
        }
        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fieldNodes = facts.putArray("fields");
        fields.stream().limit(10).forEach(f -> fieldNodes.addObject().put("type", "mrkdwn").put("text", Payloads.cut(f, 2000)));

        list(blocks, "Changes", event.changes());
        list(blocks, "Packages", Payloads.packageLines(event));
        list(blocks, "Scan findings", Payloads.findingLines(event));
        list(blocks, released ? "Tests passed" : "Tests passed before the failure",
                event.checks().stream().map(Payloads::checkText).toList());
        if (!released && !event.failure().log().isEmpty()) {
            String log = escape(String.join("\n", Payloads.tail(event.failure().log()))).replace("```", "'''");
            section(blocks, "*Last lines of the log*\n```" + Payloads.cut(log, 2900) + "```");
        }

        ArrayNode buttons = Payloads.JSON.createArrayNode();
        if (event.ci() != null && event.ci().url() != null) {
            button(buttons, "Open the " + event.ci().provider() + " run", event.ci().url());
        }
        if (event.consoleUrl() != null) {
            button(buttons, "Open in the ECR console", event.consoleUrl());
        }
        if (!buttons.isEmpty()) {
            blocks.addObject().put("type", "actions").set("elements", buttons);
        }
        if (event.ci() != null && event.ci().actor() != null) {
            blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                    .put("text", escape(event.ci().provider() + " run by " + event.ci().actor()
                            + (event.ci().trigger() != null ? " (" + event.ci().trigger() + ")" : "")));
        }
        return message;
    }

    /** Slack reads {@code <...>} as links and {@code &} as an entity in mrkdwn: text is escaped as Slack documents. */
    static String escape(String text) {
        return text == null ? null : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String code(String value) {
        return value == null ? null : "`" + escape(value) + "`";
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
    }

    private static void field(List<String> fields, String title, String value) {
        if (value != null && !value.isBlank()) {
            fields.add("*" + title + "*\n" + value);
        }
    }

    private static void list(ArrayNode blocks, String heading, List<String> lines) {
        if (!lines.isEmpty()) {
            StringBuilder text = new StringBuilder("*" + heading + "*");
            lines.forEach(line -> text.append("\n• ").append(escape(Payloads.cut(line, Payloads.LINE_CHARS))));
            section(blocks, Payloads.cut(text.toString(), 3000));
        }
    }

    private static void button(ArrayNode buttons, String title, String url) {
        ObjectNode button = buttons.addObject().put("type", "button").put("url", url);
        button.putObject("text").put("type", "plain_text").put("text", Payloads.cut(title, 75));
    }
}
