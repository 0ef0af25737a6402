package dev.platformimages.notify;

/** A notification is misconfigured or could not be delivered. The message never holds a webhook URL or secret. */
public class NotificationException extends RuntimeException {
    public NotificationException(String message) {
        super(message);
    }
}
