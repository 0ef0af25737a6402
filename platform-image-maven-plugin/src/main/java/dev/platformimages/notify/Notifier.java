package dev.platformimages.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platformimages.release.ReleaseLog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends one event to every channel that wants it, each in its own format. Never throws for a channel that
 * cannot be reached: it logs a warning (host only) and returns the channels that failed, so the caller decides
 * whether that fails the build.
 */
public final class Notifier {

    private final List<NotificationChannel> channels;
    private final WebhookDelivery delivery;
    private final ReleaseLog log;

    public Notifier(List<NotificationChannel> channels, WebhookDelivery delivery, ReleaseLog log) {
        this.channels = List.copyOf(channels);
        this.delivery = delivery;
        this.log = log;
    }

    /** The channels that take this kind of event. */
    public List<NotificationChannel> channelsFor(ReleaseEvent.Outcome outcome) {
        return channels.stream().filter(c -> c.notifyOn().covers(outcome)).toList();
    }

    /** Sends {@code event}; returns one line per channel that could not be notified (empty when all were). */
    public List<String> send(ReleaseEvent event) {
        List<String> undelivered = new ArrayList<>();
        for (NotificationChannel channel : channelsFor(event.outcome())) {
            byte[] body = body(channel, event);
            Map<String, String> headers = new LinkedHashMap<>();
            if (channel.secret() != null) {
                headers.put(WebhookDocument.SIGNATURE_HEADER, WebhookDocument.signature(body, channel.secret()));
            }
            WebhookDelivery.Result result = delivery.post(channel, body, headers);
            String attempts = result.attempts() + (result.attempts() == 1 ? " attempt" : " attempts");
            if (result.delivered()) {
                log.info("Notified " + channel + ": " + result.detail() + " after " + attempts);
            } else {
                String line = channel + ": " + result.detail() + " after " + attempts;
                log.warn("Could not notify " + line);
                undelivered.add(line);
            }
        }
        return undelivered;
    }

    static byte[] body(NotificationChannel channel, ReleaseEvent event) {
        ObjectNode payload;
        switch (channel.type()) {
            case TEAMS:
                payload = TeamsCard.message(event);
                break;
            case SLACK:
                payload = SlackMessage.message(event);
                break;
            default:
                payload = WebhookDocument.document(event);
        }
        try {
            return Payloads.JSON.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree built in memory", e);
        }
    }
}
