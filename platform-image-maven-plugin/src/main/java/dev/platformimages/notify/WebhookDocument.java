package dev.platformimages.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platformimages.packages.PackageChanges;
import dev.platformimages.packages.PackageReport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The plain JSON document for any other receiver (schema {@value #SCHEMA}, documented in the manual, Notifications). Absent
 * values are null, never left out, so receivers can rely on every field being there.
 */
public final class WebhookDocument {

    public static final String SCHEMA = "platform-image-notification/v1";
    /** Carries {@code sha256=<hex HMAC-SHA256 of the body>} when the channel has a secret. */
    public static final String SIGNATURE_HEADER = "X-Platform-Image-Signature";

    private WebhookDocument() {
    }

    public static ObjectNode document(ReleaseEvent event) {
        ObjectNode doc = Payloads.object();
        doc.put("schema", SCHEMA);
        doc.put("event", event.outcome() == ReleaseEvent.Outcome.RELEASED ? "released"
                : event.outcome() == ReleaseEvent.Outcome.ROLLED_BACK ? "rolled_back" : "failed");
        doc.put("title", event.title());
        ObjectNode image = doc.putObject("image");
        image.put("registry", event.registry());
        image.put("repository", event.repository());
        image.put("tag", event.tag());
        ObjectNode release = doc.putObject("release");
        release.put("versionTag", event.versionTag());
        release.put("digest", event.digest());
        release.put("untested", event.untested());
        ArrayNode floating = release.putArray("floatingTags");
        event.floatingTags().forEach(floating::add);
        ObjectNode reason = doc.putObject("reason");
        reason.put("code", event.reason() == null ? null : event.reason().name());
        reason.put("explanation", event.explanation());
        reason.put("forcedBy", event.forcedBy());
        ArrayNode changes = reason.putArray("changes");
        event.changes().forEach(changes::add);
        packages(doc, event.packages());
        if (event.findings() == null) {
            doc.putNull("findings");
        } else {
            ObjectNode findings = doc.putObject("findings");
            event.findings().fixed().forEach(findings.putArray("fixed")::add);
            event.findings().introduced().forEach(findings.putArray("introduced")::add);
            findings.put("note", event.findings().note());
        }
        ArrayNode checks = doc.putArray("checks");
        event.checks().forEach(c -> checks.addObject().put("name", c.name).put("durationMillis", c.millis));
        if (event.duration() == null) {
            doc.putNull("durationSeconds");
        } else {
            doc.put("durationSeconds", event.duration().toSeconds());
        }
        if (event.ci() == null) {
            doc.putNull("ci");
        } else {
            doc.putObject("ci").put("provider", event.ci().provider()).put("url", event.ci().url())
                    .put("actor", event.ci().actor()).put("trigger", event.ci().trigger());
        }
        doc.put("consoleUrl", event.consoleUrl());
        if (event.failure() == null) {
            doc.putNull("failure");
        } else {
            ObjectNode failure = doc.putObject("failure");
            failure.put("step", event.failure().step());
            failure.put("error", Payloads.cut(event.failure().error(), Payloads.ERROR_CHARS));
            ArrayNode log = failure.putArray("log");
            Payloads.tail(event.failure().log()).forEach(log::add);
            failure.put("published", event.failure().published());
        }
        return doc;
    }

    /**
     * {@code packages}: null when not known, else {@code summary}, {@code notes}, {@code notTaken} (updates the image's
     * sources offered that it does not take) and {@code platforms}, each entry
     * naming its platforms and listing every package added, removed, upgraded and downgraded with both versions.
     */
    private static void packages(ObjectNode doc, PackageReport report) {
        if (report == null) {
            doc.putNull("packages");
        } else {
            doc.set("packages", packages(report));
        }
    }

    /** The {@code packages} object of the document (also what the changes goal writes). */
    public static ObjectNode packages(PackageReport report) {
        ObjectNode packages = Payloads.object();
        packages.put("summary", report.summary());
        ArrayNode notes = packages.putArray("notes");
        report.notes().forEach(notes::add);
        ArrayNode notTaken = packages.putArray("notTaken");
        report.notTaken().forEach(notTaken::add);
        ArrayNode platforms = packages.putArray("platforms");
        report.changes().forEach((names, changes) -> {
            ObjectNode entry = platforms.addObject();
            ArrayNode platformNames = entry.putArray("platforms");
            for (String name : names.split(", ")) {
                platformNames.add(name);
            }
            changeList(entry.putArray("upgraded"), changes.upgraded());
            changeList(entry.putArray("downgraded"), changes.downgraded());
            changeList(entry.putArray("added"), changes.added());
            changeList(entry.putArray("removed"), changes.removed());
        });
        return packages;
    }

    private static void changeList(ArrayNode into, java.util.List<PackageChanges.Change> changes) {
        for (PackageChanges.Change c : changes) {
            into.addObject().put("name", c.name()).put("before", c.before()).put("after", c.after()).put("source", c.source());
        }
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of {@code body} under {@code secret}. */
    public static String signature(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
