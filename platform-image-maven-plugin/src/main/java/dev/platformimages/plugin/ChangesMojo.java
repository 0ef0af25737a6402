package dev.platformimages.plugin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platformimages.notify.WebhookDocument;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.step.VersionComparison;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code mvn platform-image:changes -Dplatform.from=1.2.0 [-Dplatform.to=1.5.0]} says what changed between two
 * published versions: the definition and source revision, each upstream base's digest, and every package added,
 * removed, upgraded and downgraded with both versions. Reads the inventories kept with the versions (or, for versions
 * released before inventories were kept, their layers) from the registry; no engine, nothing written to the registry.
 * Prints the comparison, and writes it to target/platform-image/changes.md and changes.json (the packages as the
 * webhook document has them).
 */
@Mojo(name = "changes", threadSafe = true, requiresProject = true)
public class ChangesMojo extends AbstractRegistryMojo {

    /** The older version: a version such as 1.2.0, or its full version tag (8.0-bookworm-slim-1.2.0). */
    @Parameter(property = "platform.from")
    protected String from;

    /** The newer version, as platform.from; unset: the newest published version. */
    @Parameter(property = "platform.to")
    protected String to;

    @Override
    protected ReleaseStep step() {
        return ReleaseStep.CHANGES;
    }

    @Override
    protected String goal() {
        return "changes";
    }

    @Override
    protected boolean usesNotifications() {
        return false;
    }

    @Override
    protected void run() {
        if (from == null || from.isBlank()) {
            throw new ReleaseFailure("platform.from is not set: name the version to compare from, e.g. "
                    + "mvn platform-image:changes -Dplatform.from=1.2.0 (and -Dplatform.to=1.5.0, default the newest)");
        }
        RegistryClient registry = hub().registryClient();
        VersionComparison.Comparison comparison = new VersionComparison(registry, hub().inventories(registry))
                .compare(hub().target(), from.trim(), to == null ? null : to.trim());
        getLog().info(comparison.image() + ": " + comparison.from() + " (" + comparison.fromDigest() + ") -> "
                + comparison.to() + " (" + comparison.toDigest() + ")");
        comparison.changes().forEach(change -> getLog().info("  " + change));
        getLog().info(comparison.packages().summary());
        getLog().info("Registry requests of this comparison: " + String.join("; ", registry.requestCounts()));
        comparison.packages().lines().forEach(line -> getLog().info("  " + line));
        Path folder = Path.of(project.getBuild().getDirectory(), "platform-image");
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("changes.md"), comparison.markdown());
            ObjectNode json = new ObjectMapper().createObjectNode().put("image", comparison.image())
                    .put("from", comparison.from()).put("fromDigest", comparison.fromDigest())
                    .put("to", comparison.to()).put("toDigest", comparison.toDigest());
            comparison.changes().forEach(json.putArray("changes")::add);
            json.set("packages", WebhookDocument.packages(comparison.packages()));
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(folder.resolve("changes.json").toFile(), json);
            getLog().info("Written to " + folder.resolve("changes.md") + " and changes.json");
        } catch (IOException e) {
            getLog().warn("Could not write the comparison to " + folder + ": " + e.getMessage());
        }
    }
}
