package dev.platformimages.plugin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.release.ReleaseTarget;
import dev.platformimages.signing.ImageSigner;
import dev.platformimages.signing.SignatureCheck;
import dev.platformimages.step.ReleaseVerifier;
import dev.platformimages.version.SemanticVersion;
import dev.platformimages.version.VersionTag;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mvn platform-image:verify [-Dplatform.version=1.4.0]} checks, from the registry alone and against the public
 * key, what the floating tags and a version (default: the newest) carry: the signature (Sigstore bundle and cosign's
 * legacy {@code .sig}), each attestation's signature (bundles and {@code .att}), that the SBOMs list the bases the
 * image's labels name, that the provenance names the same base digests, and that the test record covers the released
 * digest and every platform; for the image and each platform image of a multi-arch release. Each problem is named; any
 * fails the goal. Writes target/platform-image/verify.json. Needs no engine and writes nothing to the registry.
 */
@Mojo(name = "verify", threadSafe = true, requiresProject = true)
public class VerifyMojo extends AbstractRegistryMojo {

    /** The version to verify besides the floating tags, e.g. 1.4.0 (or its version tag); unset: the newest published. */
    @Parameter(property = "platform.version")
    protected String version;

    @Override
    protected ReleaseStep step() {
        return ReleaseStep.VERIFY;
    }

    @Override
    protected String goal() {
        return "verify";
    }

    @Override
    protected boolean usesNotifications() {
        return false;
    }

    @Override
    protected void run() {
        PublicKey key = publicKey();
        RegistryClient registry = hub().registryClient();
        ReleaseTarget target = hub().target();
        List<String> tags = registry.tags(target.registry(), target.repository());
        Optional<VersionTag> newest = VersionTag.newest(target.tag(), tags);
        String versionTag;
        if (version == null || version.isBlank()) {
            versionTag = newest.map(VersionTag::tag).orElseThrow(() -> new ReleaseFailure(target.registry() + "/"
                    + target.repository() + " has no published version of tag " + target.tag() + " to verify"));
        } else {
            String v = version.trim();
            versionTag = VersionTag.parse(target.tag(), v).map(VersionTag::tag).orElseGet(() -> new VersionTag(target.tag(),
                    SemanticVersion.parse(v).orElseThrow(() -> new ReleaseFailure("platform.version is '" + v
                            + "': give a version such as 1.4.0"))).tag());
            if (!tags.contains(versionTag)) {
                throw new ReleaseFailure("platform.version is " + v + ", but " + target.registry() + "/" + target.repository()
                        + " has no version tag " + versionTag + " (newest: " + newest.map(VersionTag::tag).orElse("none") + ")");
            }
        }
        List<String> references = new ArrayList<>(target.floatingTags());
        references.add(versionTag);
        ReleaseVerifier verifier = new ReleaseVerifier(registry, key);
        Map<String, ReleaseVerifier.Report> byDigest = new LinkedHashMap<>();
        Map<String, List<String>> tagsByDigest = new LinkedHashMap<>();
        List<ReleaseVerifier.Report> reports = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String tag : references) {
            ImageReference reference = target.reference(tag);
            Optional<String> digest = registry.head(reference).map(h -> h.digest());
            if (digest.isEmpty()) {
                problems.add(tag + " does not exist");
                continue;
            }
            ReleaseVerifier.Report known = byDigest.get(digest.get());
            ReleaseVerifier.Report report = known == null ? verifier.verify(reference)
                    : new ReleaseVerifier.Report(reference.toString(), known.digest(), known.problems(), known.checked());
            byDigest.putIfAbsent(digest.get(), report);
            tagsByDigest.computeIfAbsent(digest.get(), d -> new ArrayList<>()).add(tag);
            reports.add(report);
            getLog().info((report.verified() ? "Verified " : "NOT verified: ") + reference + " (" + report.digest() + ")");
            if (known == null) {
                report.problems().forEach(p -> getLog().error("  " + p));
            }
        }
        byDigest.forEach((digest, report) -> report.problems().forEach(p -> problems.add(
                String.join(", ", tagsByDigest.get(digest)) + ": " + p)));
        getLog().info("Checked against the key " + ImageSigner.hint(key) + ": " + (reports.isEmpty() ? "" : reports.get(0).checked()));
        getLog().info("Registry requests of this verification: " + String.join("; ", registry.requestCounts()));
        write(reports, key);
        if (!problems.isEmpty()) {
            throw new ReleaseFailure(problems.size() + " problem(s) in what " + target.registry() + "/" + target.repository()
                    + " carries: " + String.join("; ", problems));
        }
    }

    private PublicKey publicKey() {
        String file = signingOptions().publicKey();
        if (file != null) {
            Path path = project.getBasedir().toPath().resolve(file);
            try {
                return SignatureCheck.publicKey(Files.readString(path));
            } catch (IOException | IllegalArgumentException e) {
                throw new ReleaseFailure("platform.signing.publicKey: cannot read a PEM public key from " + path + " ("
                        + e.getMessage() + ")");
            }
        }
        return hub().signer(signingOptions()).map(ImageSigner::publicKey).orElseThrow(() -> new ReleaseFailure(
                "no key to verify with: set platform.signing.publicKey to the public key (cosign.pub), or platform.signing.key"));
    }

    private void write(List<ReleaseVerifier.Report> reports, PublicKey key) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode document = json.createObjectNode().put("key", ImageSigner.hint(key));
        ArrayNode array = document.putArray("references");
        for (ReleaseVerifier.Report r : reports) {
            ObjectNode node = array.addObject().put("reference", r.reference()).put("digest", r.digest()).put("verified", r.verified());
            r.problems().forEach(node.putArray("problems")::add);
        }
        Path folder = Path.of(project.getBuild().getDirectory(), "platform-image");
        try {
            Files.createDirectories(folder);
            json.writerWithDefaultPrettyPrinter().writeValue(folder.resolve("verify.json").toFile(), document);
        } catch (IOException e) {
            getLog().warn("Could not write " + folder.resolve("verify.json") + ": " + e.getMessage());
        }
    }
}
