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
            case PACKAGES_OUTDATED:
                return "Packages outdated in the image's own sources";
            case PROMOTION_INCOMPLETE:
                return "Completed a promotion an earlier run left half done";
            case FORCED:
                return event.forcedBy() != null ? "Forced by " + event.forcedBy() : "Forced";
            default:
                return event.reason().name();
        }
    }

    /** Package changes a card or a Slack message lists; the webhook document and the state have them all. */
    static final int PACKAGE_LINES = 8;

    /**
     * The package lines of a message: the summary, then the most important changes (stable and security updates
     * first), then how many more there are. Empty when the release says nothing of its packages.
     */
    static List<String> packageLines(ReleaseEvent event) {
        if (event.packages() == null) {
            return List.of();
        }
        List<String> all = event.packages().lines();
        List<String> lines = new java.util.ArrayList<>();
        lines.add(event.packages().summary());
        all.stream().limit(PACKAGE_LINES).forEach(lines::add);
        if (all.size() > PACKAGE_LINES) {
            lines.add("and " + (all.size() - PACKAGE_LINES) + " more (the webhook document and the release state list all)");
        }
        event.packages().notes().stream().filter(n -> !event.packages().changes().isEmpty()).forEach(lines::add);
        if (!event.packages().notTaken().isEmpty()) {
            lines.add("not taken (offered by the image's sources): " + String.join(", ", event.packages().notTaken()));
        }
        return lines;
    }

    /** The scan findings lines of a message: the summary, then the introduced and the fixed ones, at most {@link #PACKAGE_LINES}. */
    static List<String> findingLines(ReleaseEvent event) {
        if (event.findings() == null) {
            return List.of();
        }
        List<String> lines = new java.util.ArrayList<>();
        lines.add(event.findings().summary());
        List<String> all = new java.util.ArrayList<>();
        event.findings().introduced().forEach(f -> all.add("introduced " + f));
        event.findings().fixed().forEach(f -> all.add("fixed " + f));
        all.stream().limit(PACKAGE_LINES).forEach(lines::add);
        if (all.size() > PACKAGE_LINES) {
            lines.add("and " + (all.size() - PACKAGE_LINES) + " more (the webhook document lists all)");
        }
        return lines;
    }

    static String checkText(dev.platformimages.release.ReleaseState.PassedCheck check) {
        return check.name + " (" + check.millis + " ms)";
    }
}
