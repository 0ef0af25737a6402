package dev.platformimages.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformimages.attest.Predicates;
import dev.platformimages.attest.Provenance;
import dev.platformimages.attest.TestRecord;
import dev.platformimages.image.ImageLabels;
import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.PublishedImages;
import dev.platformimages.registry.ReferrerStore;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.signing.Dsse;
import dev.platformimages.signing.InTotoStatement;
import dev.platformimages.signing.SignatureCheck;
import dev.platformimages.signing.SigstoreBundle;
import dev.platformimages.signing.SimpleSigning;

import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks from the registry alone, against a public key, what a release carries: for the image a reference names
 * and each platform image of an index, the signature (the Sigstore bundle referrer and cosign's legacy {@code .sig}),
 * each attestation (bundle referrers and cosign's legacy {@code .att}: their signatures, and that each is about this
 * digest), that the SBOMs list the bases the image's labels name, that the provenance names the same base digests, and
 * that the test record covers the released digest and every platform. Every problem is named; none stops the others
 * from being looked for.
 */
public final class ReleaseVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ATTESTATIONS = List.of(Predicates.CYCLONEDX, Predicates.SPDX, Predicates.SLSA_PROVENANCE,
            Predicates.TEST_RESULT);

    private final RegistryClient registry;
    private final ReferrerStore store;
    private final PublicKey key;

    public ReleaseVerifier(RegistryClient registry, PublicKey key) {
        this.registry = registry;
        this.store = new ReferrerStore(registry);
        this.key = key;
    }

    /** What was checked of one image: its digest, and each problem found (none: it verifies). */
    public record Report(String reference, String digest, List<String> problems, List<String> checked) {
        public boolean verified() {
            return problems.isEmpty();
        }
    }

    /** Verifies what {@code reference} (a tag) names now. */
    public Report verify(ImageReference reference) {
        Manifest image;
        try {
            image = registry.manifest(reference).orElse(null);
        } catch (RegistryException e) {
            return new Report(reference.toString(), null, List.of(reference + " cannot be read: " + e.getMessage()), List.of());
        }
        if (image == null) {
            return new Report(reference.toString(), null, List.of(reference + " is not in the registry"), List.of());
        }
        return verify(reference, image);
    }

    /** Verifies {@code image}, which {@code reference} names. */
    public Report verify(ImageReference reference, Manifest image) {
        List<String> problems = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        ImageReference repository = ImageReference.of(reference.registry(), reference.repository(), null);
        Map<String, String> subjects = new LinkedHashMap<>();
        subjects.put("", image.digest());
        image.platformChildren().forEach((platform, digest) -> subjects.put(" (" + platform + ")", digest));
        Map<String, String> labelBases;
        try {
            labelBases = ImageLabels.decodeBases(new PublishedImages(registry).describe(repository.withDigest(image.digest()))
                    .labels().get(ImageLabels.BASES));
        } catch (RegistryException e) {
            problems.add("the labels of " + image.digest() + " cannot be read: " + e.getMessage());
            labelBases = Map.of();
        }
        for (Map.Entry<String, String> subject : subjects.entrySet()) {
            String digest = subject.getValue();
            String what = digest + subject.getKey();
            // Each place is read once: the bundle referrers, cosign's .sig and .att.
            List<ReferrerStore.Artifact> artifacts;
            Manifest sig;
            Manifest att;
            try {
                artifacts = store.find(repository.withDigest(digest), SigstoreBundle.MEDIA_TYPE);
                sig = store.cosignImage(repository, digest, "sig").orElse(null);
                att = store.cosignImage(repository, digest, "att").orElse(null);
            } catch (RegistryException e) {
                problems.add(what + ": its signatures and attestations cannot be read: " + e.getMessage());
                continue;
            }
            if (artifacts.isEmpty() && sig == null && att == null) {
                problems.add(what + ": carries no signature and no attestation (released unsigned, or they were deleted)");
                continue;
            }
            Map<String, JsonNode> predicates = bundles(repository, artifacts, digest, what, problems);
            if (!predicates.containsKey(Predicates.COSIGN_SIGN)) {
                problems.add(what + ": no signature bundle verifies with the public key");
            }
            for (String type : ATTESTATIONS) {
                if (!predicates.containsKey(type)) {
                    problems.add(what + ": no " + Predicates.name(type) + " attestation verifies with the public key");
                }
            }
            legacySignature(repository, sig, digest, what, problems);
            legacyAttestations(repository, att, digest, what, problems);
            JsonNode cyclonedx = predicates.get(Predicates.CYCLONEDX);
            if (cyclonedx != null) {
                Set<String> listed = new TreeSet<>();
                cyclonedx.path("components").forEach(c -> c.path("hashes").forEach(h -> listed.add("sha256:" + h.path("content").asText())));
                labelBases.forEach((base, baseDigest) -> {
                    if (!listed.contains(baseDigest)) {
                        problems.add(what + ": the CycloneDX SBOM does not list the base " + base + "@" + baseDigest + " its labels name");
                    }
                });
            }
            JsonNode spdx = predicates.get(Predicates.SPDX);
            if (spdx != null) {
                String text = spdx.toString();
                labelBases.forEach((base, baseDigest) -> {
                    if (!text.contains(baseDigest.substring(baseDigest.indexOf(':') + 1))) {
                        problems.add(what + ": the SPDX SBOM does not list the base " + base + "@" + baseDigest + " its labels name");
                    }
                });
            }
            JsonNode provenance = predicates.get(Predicates.SLSA_PROVENANCE);
            if (provenance != null && !Provenance.bases(provenance).equals(labelBases)) {
                problems.add(what + ": the provenance names the bases " + Provenance.bases(provenance)
                        + ", the image's labels " + labelBases);
            }
            JsonNode testRecord = predicates.get(Predicates.TEST_RESULT);
            if (testRecord != null) {
                TestRecord.Coverage coverage = TestRecord.coverage(testRecord);
                if (!image.digest().equals(coverage.digest())) {
                    problems.add(what + ": the test record is of " + coverage.digest() + ", not of the released " + image.digest());
                }
                if (!"PASSED".equals(coverage.result())) {
                    problems.add(what + ": the test record says " + coverage.result() + " (" + String.join("; ", coverage.passed()) + ")");
                }
                Map<String, String> platforms = image.platformChildren();
                if (!platforms.isEmpty()) {
                    if (!coverage.platforms().equals(platforms)) {
                        problems.add(what + ": the test record covers the platform images " + coverage.platforms()
                                + ", the index lists " + platforms);
                    }
                    List<String> untested = coverage.untestedPlatforms(platforms.keySet());
                    if (!untested.isEmpty()) {
                        problems.add(what + ": no gate of the test record ran on " + String.join(", ", untested));
                    }
                }
            }
        }
        checked.add("signature (bundle and .sig), " + String.join(", ", ATTESTATIONS.stream().map(Predicates::name).toList())
                + " (bundles and .att) of " + subjects.size() + " image(s)");
        return new Report(reference.toString(), image.digest(), problems, checked);
    }

    /** The predicates of the bundles about {@code digest} that verify with the key and are about it, by type. */
    private Map<String, JsonNode> bundles(ImageReference repository, List<ReferrerStore.Artifact> artifacts, String digest,
                                          String what, List<String> problems) {
        Map<String, JsonNode> verified = new LinkedHashMap<>();
        for (ReferrerStore.Artifact artifact : artifacts) {
            String type = artifact.annotations().getOrDefault(SigstoreBundle.PREDICATE_TYPE_ANNOTATION, "an unnamed predicate");
            try {
                SigstoreBundle bundle = SigstoreBundle.parse(store.content(repository, artifact));
                if (!bundle.verifies(key)) {
                    problems.add(what + ": the " + Predicates.name(type) + " bundle " + artifact.digest()
                            + " does not verify with the public key (signed by another key, or changed)");
                    continue;
                }
                InTotoStatement statement = InTotoStatement.parse(bundle.payload());
                if (!statement.about(digest)) {
                    problems.add(what + ": the " + Predicates.name(statement.predicateType()) + " bundle " + artifact.digest()
                            + " is about " + statement.subjectMap().values() + ", not this image");
                    continue;
                }
                verified.put(statement.predicateType(), statement.predicate());
            } catch (RegistryException | IllegalArgumentException e) {
                problems.add(what + ": the " + Predicates.name(type) + " bundle " + artifact.digest() + " cannot be read: " + e.getMessage());
            }
        }
        return verified;
    }

    /** Checks cosign's legacy signature image {@code sig} of {@code digest} (null: there is none). */
    private void legacySignature(ImageReference repository, Manifest sig, String digest, String what, List<String> problems) {
        try {
            if (sig == null) {
                problems.add(what + ": no cosign signature (" + dev.platformimages.registry.Referrers.cosignTag(digest, "sig") + ")");
                return;
            }
            boolean ok = false;
            for (JsonNode layer : JSON.readTree(sig.body()).path("layers")) {
                byte[] payload = registry.blob(repository, layer.path("digest").asText());
                String signature = layer.path("annotations").path(SimpleSigning.SIGNATURE_ANNOTATION).asText("");
                if (SignatureCheck.verifies(key, payload, decode(signature)) && digest.equals(SimpleSigning.digest(payload))) {
                    ok = true;
                }
            }
            if (!ok) {
                problems.add(what + ": the cosign signature " + sig.digest() + " does not verify with the public key for this digest");
            }
        } catch (RegistryException | IOException e) {
            problems.add(what + ": the cosign signature cannot be read: " + e.getMessage());
        }
    }

    /** Checks cosign's legacy attestation image {@code att} of {@code digest} (null: there is none). */
    private void legacyAttestations(ImageReference repository, Manifest att, String digest, String what, List<String> problems) {
        try {
            if (att == null) {
                problems.add(what + ": no cosign attestations (" + dev.platformimages.registry.Referrers.cosignTag(digest, "att") + ")");
                return;
            }
            Set<String> types = new TreeSet<>();
            for (JsonNode layer : JSON.readTree(att.body()).path("layers")) {
                JsonNode envelope = JSON.readTree(registry.blob(repository, layer.path("digest").asText()));
                byte[] payload = decode(envelope.path("payload").asText());
                String payloadType = envelope.path("payloadType").asText();
                JsonNode sig = envelope.path("signatures").path(0).path("sig");
                InTotoStatement statement = InTotoStatement.parse(payload);
                if (SignatureCheck.verifies(key, Dsse.pae(payloadType, payload), decode(sig.asText())) && statement.about(digest)) {
                    types.add(statement.predicateType());
                } else {
                    problems.add(what + ": the cosign attestation " + layer.path("digest").asText() + " ("
                            + Predicates.name(statement.predicateType()) + ") does not verify with the public key for this digest");
                }
            }
            for (String type : ATTESTATIONS) {
                if (!types.contains(type)) {
                    problems.add(what + ": the cosign attestations lack a verified " + Predicates.name(type));
                }
            }
        } catch (RegistryException | IOException | IllegalArgumentException e) {
            problems.add(what + ": the cosign attestations cannot be read: " + e.getMessage());
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
