package dev.platformimages.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformimages.attest.Predicates;
import dev.platformimages.attest.Provenance;
import dev.platformimages.attest.TestRecord;
import dev.platformimages.image.ImageReference;
import dev.platformimages.packages.PackageInventory;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.ReferrerStore;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.sbom.CycloneDx;
import dev.platformimages.sbom.Spdx;
import dev.platformimages.signing.ImageSigner;
import dev.platformimages.signing.InTotoStatement;
import dev.platformimages.signing.SigstoreBundle;
import dev.platformimages.signing.SimpleSigning;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a release carries as proof, made once its image is in the release repository (by digest) and before any tag
 * names it: for the image and, of an index, every platform image, a signature (a Sigstore bundle referrer as cosign v3
 * writes it, and cosign's legacy {@code sha256-<hex>.sig}), the SBOMs (CycloneDX 1.6 and SPDX 2.3), the SLSA provenance
 * and the test record, each a DSSE-signed in-toto statement in a Sigstore bundle referrer and in cosign's legacy
 * {@code sha256-<hex>.att}, and the SBOMs also as plain artifacts for the scanners that read them so.
 */
public final class ReleaseProofs implements Publisher.Proofs {

    public static final String DSSE_MEDIA_TYPE = "application/vnd.dsse.envelope.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** About the run: the plugin's version, the CI run's address (or null), the gates' configuration name. */
    public record Run(String pluginVersion, String ciRun, String configurationName, Instant now) {
    }

    private final RegistryClient registry;
    private final ReferrerStore store;
    private final Inventories inventories;
    private final ImageSigner signer;
    private final ReleaseLog log;
    private final Run run;

    public ReleaseProofs(RegistryClient registry, ReferrerStore store, Inventories inventories, ImageSigner signer,
                         ReleaseLog log, Run run) {
        this.registry = registry;
        this.store = store;
        this.inventories = inventories;
        this.signer = signer;
        this.log = log;
        this.run = run;
    }

    /**
     * Signs and attests {@code image} (in the release repository, by digest) of the release {@code state}.
     *
     * @param gatesKnown whether this run knows the gates the image passed (false when completing an earlier run's
     *                   promotion: then no test record is made, and the log says so)
     */
    @Override
    public void attach(ReleaseState state, Manifest image, boolean gatesKnown) {
        if (!gatesKnown && !state.checks.isEmpty()) {
            gatesKnown = true;
        }
        long start = System.nanoTime();
        ImageReference repository = ImageReference.of(state.registry, state.repository, null);
        String name = state.registry + "/" + state.repository;
        Map<String, PackageInventory> all;
        try {
            all = inventories.of(repository.withDigest(image.digest()), false);
        } catch (RegistryException | java.io.UncheckedIOException e) {
            throw new ReleaseFailure(ReleaseStep.PUSH, "cannot read the packages of " + name + "@" + image.digest()
                    + " for its SBOM: " + e.getMessage() + ". Nothing is tagged yet; run the build again", "", List.of(), e);
        }
        Map<String, Manifest> subjects = new LinkedHashMap<>();
        subjects.put(null, image);
        image.platformChildren().forEach((platform, digest) -> subjects.put(platform, registry.manifest(repository.withDigest(digest))
                .orElseThrow(() -> new ReleaseFailure("the index " + image.digest() + " lists " + digest + ", which "
                        + repository.name() + " does not hold"))));
        List<String> signed = new ArrayList<>();
        int artifacts = 0;
        long bytes = 0;
        for (Map.Entry<String, Manifest> subject : subjects.entrySet()) {
            String digest = subject.getValue().digest();
            Map<String, PackageInventory> inventory = subject.getKey() == null || !all.containsKey(subject.getKey())
                    ? all : Map.of(subject.getKey(), all.get(subject.getKey()));
            List<ReferrerStore.Attachment> attachments = new ArrayList<>();
            List<ReferrerStore.Layer> attestations = new ArrayList<>();
            // Each SBOM is written once: attested (its JSON the predicate) and attached plainly, the same bytes.
            CycloneDx.Image about = about(state, digest);
            byte[] cyclonedx = cycloneDx(about, inventory);
            byte[] spdx = Spdx.write(about, inventory, run.pluginVersion(), run.now());
            for (Map.Entry<String, JsonNode> predicate : predicates(state, name, digest, cyclonedx, spdx, gatesKnown).entrySet()) {
                byte[] statement = new InTotoStatement(List.of(new InTotoStatement.Subject(
                        predicate.getKey().equals(Predicates.COSIGN_SIGN) ? null : name, digest)), predicate.getKey(),
                        predicate.getValue()).bytes();
                SigstoreBundle bundle = SigstoreBundle.sign(statement, signer);
                attachments.add(new ReferrerStore.Attachment(SigstoreBundle.MEDIA_TYPE, SigstoreBundle.MEDIA_TYPE, bundle.bytes(),
                        Map.of("org.opencontainers.image.created", run.now().toString(), SigstoreBundle.CONTENT_ANNOTATION,
                                "dsse-envelope", SigstoreBundle.PREDICATE_TYPE_ANNOTATION, predicate.getKey())));
                if (!predicate.getKey().equals(Predicates.COSIGN_SIGN)) {
                    attestations.add(new ReferrerStore.Layer(DSSE_MEDIA_TYPE, bundle.envelope(), Map.of("predicateType", predicate.getKey())));
                }
            }
            attachments.add(new ReferrerStore.Attachment(CycloneDx.MEDIA_TYPE, CycloneDx.MEDIA_TYPE, cyclonedx,
                    Map.of("org.opencontainers.image.created", run.now().toString())));
            attachments.add(new ReferrerStore.Attachment(Spdx.MEDIA_TYPE, Spdx.MEDIA_TYPE, spdx,
                    Map.of("org.opencontainers.image.created", run.now().toString())));
            store.attachAll(repository, subject.getValue(), attachments);
            byte[] payload = SimpleSigning.payload(name, digest);
            store.putCosignImage(repository, digest, "sig", List.of(new ReferrerStore.Layer(SimpleSigning.MEDIA_TYPE, payload,
                    Map.of(SimpleSigning.SIGNATURE_ANNOTATION, Base64.getEncoder().encodeToString(signer.sign(payload))))));
            store.putCosignImage(repository, digest, "att", attestations);
            signed.add(digest);
            artifacts += attachments.size() + 2;
            bytes += attachments.stream().mapToLong(a -> a.content().length).sum();
        }
        state.signed(signed, signer.description() + " (key " + ImageSigner.hint(signer.publicKey()) + ")");
        log.info("Signed and attested " + name + "@" + image.digest() + (signed.size() > 1 ? " and its " + (signed.size() - 1)
                + " platform images" : "") + " with " + signer.description() + ": signature, SBOMs (CycloneDX, SPDX), provenance"
                + (gatesKnown ? ", test record" : "") + " (" + artifacts + " artifacts, " + bytes / 1024 + " KiB, "
                + (System.nanoTime() - start) / 1_000_000 + " ms)");
        if (!gatesKnown) {
            log.warn("No test record was made for " + image.digest() + ": this run completes an earlier run's promotion and "
                    + "does not know the gates that run passed. The verify goal reports it missing");
        }
    }

    /** Whether {@code image} carries a signature bundle already (an earlier run signed it before it stopped). */
    @Override
    public boolean present(ReleaseState state, Manifest image) {
        ImageReference subject = ImageReference.of(state.registry, state.repository, null).withDigest(image.digest());
        return store.find(subject, SigstoreBundle.MEDIA_TYPE).stream()
                .anyMatch(a -> Predicates.COSIGN_SIGN.equals(a.annotations().get(SigstoreBundle.PREDICATE_TYPE_ANNOTATION)));
    }

    private Map<String, JsonNode> predicates(ReleaseState state, String name, String digest, byte[] cyclonedx, byte[] spdx,
                                             boolean gatesKnown) {
        Map<String, JsonNode> predicates = new LinkedHashMap<>();
        predicates.put(Predicates.COSIGN_SIGN, JSON.createObjectNode());
        predicates.put(Predicates.CYCLONEDX, json(cyclonedx));
        predicates.put(Predicates.SPDX, json(spdx));
        ReleaseState.BuildInputs in = state.buildInputs;
        predicates.put(Predicates.SLSA_PROVENANCE, Provenance.predicate(new Provenance.Facts(name + ":" + state.versionTag,
                state.definitionHash, in == null ? null : in.dockerfile, in == null ? null : in.contextDirectory,
                in == null ? Map.of() : in.buildArgs, state.platforms, state.baseDigests, state.basePlatformDigests,
                in == null ? null : in.sourceUri, in == null ? null : in.sourceRevision, run.pluginVersion(), run.ciRun(),
                state.startedAt == null ? null : Instant.parse(state.startedAt), run.now())));
        if (gatesKnown) {
            List<TestRecord.Gate> gates = state.checks.stream().map(c -> new TestRecord.Gate(c.name, c.millis)).toList();
            predicates.put(Predicates.TEST_RESULT, TestRecord.predicate(gates, state.untested,
                    state.draftDigest == null ? digest : state.draftDigest, state.draftPlatformDigests, run.configurationName(),
                    state.definitionHash, run.ciRun()));
        }
        return predicates;
    }

    private static CycloneDx.Image about(ReleaseState state, String digest) {
        return new CycloneDx.Image(state.registry, state.repository, state.versionTag, digest, state.baseDigests);
    }

    private byte[] cycloneDx(CycloneDx.Image about, Map<String, PackageInventory> inventory) {
        return CycloneDx.write(about, inventory, run.pluginVersion(),
                UUID.nameUUIDFromBytes((about.digest() + about.versionTag()).getBytes(StandardCharsets.UTF_8)), run.now());
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
