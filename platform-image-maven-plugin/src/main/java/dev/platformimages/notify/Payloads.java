package dev.platformimages.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** What the renderers share: one mapper, and limits so that no payload outgrows what a receiver accepts. */
final class Payloads {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Lines of a failed step's log a notification carries; the build log has them all. */
    static final int LOG_LINES = 20;
    static final int LINE_CHARS = 300;
    static final int ERROR_CHARS = 1500;
    /** What every channel says of a release no gate tested. */
    static final String UNTESTED_TEXT = "Released untested: no gate ran on this image (platform.allowUntested=true)";

    private Payloads() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** The last {@link #LOG_LINES} lines, each cut to {@link #LINE_CHARS}. */
    static List<String> tail(List<String> log) {
        return log.subList(Math.max(0, log.size() - LOG_LINES), log.size()).stream()
                .map(line -> cut(line, LINE_CHARS)).toList();
    }

    static String reasonText(ReleaseEvent event) {
        if (event.reason() == null) {
            return null;
        }
        switch (event.reason()) {
            case FIRST_VERSION:
                return "First version";
            case BASE_CHANGED:
                return "Base image changed";
            case DEFINITION_CHANGED:
                return "Definition changed";
            case PROMOTION_INCOMPLETE:
                return "Completed a promotion an earlier run left half done";
            case FORCED:
                return event.forcedBy() != null ? "Forced by " + event.forcedBy() : "Forced";
            default:
                return event.reason().name();
        }
    }

    static String checkText(dev.platformimages.release.ReleaseState.PassedCheck check) {
        return check.name + " (" + check.millis + " ms)";
    }
}
