package dev.platformimages.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platformimages.image.ImageReference;
import dev.platformimages.sbom.PackageUrl;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The SLSA provenance v1 predicate of a release ({@code ../shared/specs/slsa-provenance-v1.md}): the build type, the
 * build's external parameters (Dockerfile, context, build args, platforms, the image it publishes), the resolved
 * dependencies (every upstream base by digest, the source revision), the builder (this plugin and its version, as a
 * package URL) and the run (the CI run's address when known, the start and end).
 */
public final class Provenance {

    public static final String BUILD_TYPE = "https://platformimages.dev/platform-image-maven-plugin/build/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the predicate says; {@code ciRun} and the source fields may be null. */
    public record Facts(String image, String definitionHash, String dockerfile, String contextDirectory,
                        Map<String, String> buildArgs, List<String> platforms, Map<String, String> bases,
                        Map<String, String> basePlatformDigests, String sourceUri, String sourceRevision,
                        String pluginVersion, String ciRun, Instant startedOn, Instant finishedOn) {
    }

    private Provenance() {
    }

    public static JsonNode predicate(Facts f) {
        ObjectNode predicate = JSON.createObjectNode();
        ObjectNode definition = predicate.putObject("buildDefinition").put("buildType", BUILD_TYPE);
        ObjectNode external = definition.putObject("externalParameters").put("image", f.image());
        if (f.dockerfile() != null) {
            external.put("dockerfile", f.dockerfile());
        }
        if (f.contextDirectory() != null) {
            external.put("contextDirectory", f.contextDirectory());
        }
        ObjectNode args = external.putObject("buildArgs");
        BuildArgs.shown(f.buildArgs()).forEach(args::put);
        ArrayNode platforms = external.putArray("platforms");
        f.platforms().forEach(platforms::add);
        definition.putObject("internalParameters").put("definitionHash", f.definitionHash());
        ArrayNode dependencies = definition.putArray("resolvedDependencies");
        f.bases().forEach((reference, digest) -> {
            ImageReference base = ImageReference.parse(reference);
            ObjectNode dependency = dependencies.addObject().put("uri", PackageUrl.image(base.registry(), base.repository(), digest))
                    .put("name", reference);
            dependency.putObject("digest").put("sha256", digest.substring(digest.indexOf(':') + 1));
            String platformDigest = f.basePlatformDigests().get(reference);
            if (platformDigest != null && !platformDigest.equals(digest)) {
                dependency.putObject("annotations").put("platformDigest", platformDigest);
            }
        });
        if (f.sourceRevision() != null) {
            ObjectNode source = dependencies.addObject().put("uri", "git+" + (f.sourceUri() == null ? "" : f.sourceUri()));
            source.putObject("digest").put("gitCommit", f.sourceRevision());
        }
        ObjectNode run = predicate.putObject("runDetails");
        ObjectNode builder = run.putObject("builder")
                .put("id", "pkg:maven/dev.platformimages/platform-image-maven-plugin@" + f.pluginVersion());
        builder.putObject("version").put("platform-image-maven-plugin", f.pluginVersion());
        ObjectNode metadata = run.putObject("metadata");
        if (f.ciRun() != null) {
            metadata.put("invocationId", f.ciRun());
        }
        if (f.startedOn() != null) {
            metadata.put("startedOn", f.startedOn().toString());
        }
        metadata.put("finishedOn", f.finishedOn().toString());
        return predicate;
    }

    /** The base digests a provenance names, by reference. */
    public static Map<String, String> bases(JsonNode predicate) {
        Map<String, String> bases = new java.util.LinkedHashMap<>();
        for (JsonNode dependency : predicate.path("buildDefinition").path("resolvedDependencies")) {
            String sha = dependency.path("digest").path("sha256").asText(null);
            if (sha != null && dependency.hasNonNull("name")) {
                bases.put(dependency.path("name").asText(), "sha256:" + sha);
            }
        }
        return bases;
    }
}
