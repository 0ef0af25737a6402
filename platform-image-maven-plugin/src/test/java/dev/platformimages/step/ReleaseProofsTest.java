package dev.platformimages.step;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platformimages.attest.Predicates;
import dev.platformimages.image.ImageLabels;
import dev.platformimages.image.ImageReference;
import dev.platformimages.packages.InstalledPackage;
import dev.platformimages.packages.PackageInventory;
import dev.platformimages.packages.PackageManager;
import dev.platformimages.registry.HttpRegistryClient;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.MediaTypes;
import dev.platformimages.registry.ReferrerStore;
import dev.platformimages.registry.Referrers;
import dev.platformimages.release.ReleaseLog;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.signing.EcdsaP256Signer;
import dev.platformimages.signing.ImageSigner;
import dev.platformimages.signing.SigstoreBundle;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a release carries, made by {@link ReleaseProofs} and read back by {@link ReleaseVerifier} from a registry
 * without the referrers API (the tag-schema lists): everything verifies with the key that signed it, and each kind of
 * tampering is caught and named.
 */
class ReleaseProofsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPO = "platform/node";
    private static final String BASE = "registry.example.com/library/node:20";
    private static final String BASE_DIGEST = "sha256:" + "b".repeat(64);

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final List<String> warnings = new ArrayList<>();
    private final ReleaseLog log = new ReleaseLog() {
        @Override
        public void info(String line) {
        }

        @Override
        public void warn(String line) {
            warnings.add(line);
        }
    };
    private final EcdsaP256Signer signer = signer(7);
    private final Map<String, Map<String, PackageInventory>> known = new ConcurrentHashMap<>();

    @Test
    void aSignedReleaseVerifiesAndCarriesEverythingInBothPlaces() {
        Manifest image = image("linux/amd64", "1");
        ReleaseState state = state(image.digest());
        proofs(signer).attach(state, image, true);

        ReleaseVerifier.Report report = new ReleaseVerifier(registry, signer.publicKey()).verify(ref("1.35-1.0.0"), image);
        assertEquals(List.of(), report.problems());
        assertEquals(List.of(image.digest()), state.signedDigests);
        List<ReferrerStore.Artifact> bundles = new ReferrerStore(registry).find(ref(null).withDigest(image.digest()), SigstoreBundle.MEDIA_TYPE);
        assertEquals(List.of(Predicates.COSIGN_SIGN, Predicates.CYCLONEDX, Predicates.SPDX, Predicates.SLSA_PROVENANCE, Predicates.TEST_RESULT),
                bundles.stream().map(a -> a.annotations().get(SigstoreBundle.PREDICATE_TYPE_ANNOTATION)).toList());
        assertEquals(1, new ReferrerStore(registry).find(ref(null).withDigest(image.digest()), "application/vnd.cyclonedx+json").size());
        assertEquals(1, new ReferrerStore(registry).find(ref(null).withDigest(image.digest()), "application/spdx+json").size());
        assertTrue(registry.tags(null, REPO).contains(Referrers.cosignTag(image.digest(), "sig")));
        assertTrue(registry.tags(null, REPO).contains(Referrers.cosignTag(image.digest(), "att")));
    }

    @Test
    void onARegistryWithTheReferrersApiNoListTagIsWrittenAndEverythingIsFoundThroughIt() {
        registry.referrersApi = true;
        Manifest image = image("linux/amd64", "1");
        proofs(signer).attach(state(image.digest()), image, true);
        assertFalse(registry.tags(null, REPO).contains(Referrers.fallbackTag(image.digest())), registry.tags(null, REPO).toString());
        assertEquals(List.of(), new ReleaseVerifier(registry, signer.publicKey()).verify(ref("x"), image).problems());
        assertEquals(7, new ReferrerStore(registry).deleteAll(ref(null).withDigest(image.digest())));
        assertEquals(2, new ReferrerStore(registry).deleteCosignImages(ref(null).withDigest(image.digest())));
        assertTrue(new ReleaseVerifier(registry, signer.publicKey()).verify(ref("x"), image).problems().get(0)
                .endsWith("carries no signature and no attestation (released unsigned, or they were deleted)"));
    }

    @Test
    void anotherKeyVerifiesNothingAndEachPieceIsNamed() {
        Manifest image = image("linux/amd64", "1");
        proofs(signer).attach(state(image.digest()), image, true);
        List<String> problems = new ReleaseVerifier(registry, signer(8).publicKey()).verify(ref("x"), image).problems();
        assertTrue(problems.contains(image.digest() + ": no signature bundle verifies with the public key"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("the cosign signature") && p.contains("does not verify")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("the provenance bundle") && p.contains("another key")), problems.toString());
    }

    @Test
    void aLegacySignatureReplacedByAnotherKeysIsCaught() {
        Manifest image = image("linux/amd64", "1");
        proofs(signer).attach(state(image.digest()), image, true);
        // Someone signs the image again with their own key, over the .sig tag.
        ReferrerStore store = new ReferrerStore(registry);
        byte[] payload = dev.platformimages.signing.SimpleSigning.payload("registry.example.com/" + REPO, image.digest());
        store.putCosignImage(ref(null), image.digest(), "sig", List.of(new ReferrerStore.Layer(
                dev.platformimages.signing.SimpleSigning.MEDIA_TYPE, payload, Map.of(dev.platformimages.signing.SimpleSigning.SIGNATURE_ANNOTATION,
                java.util.Base64.getEncoder().encodeToString(signer(9).sign(payload))))));
        List<String> problems = new ReleaseVerifier(registry, signer.publicKey()).verify(ref("x"), image).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(image.digest() + ": the cosign signature sha256:"), problems.toString());
    }

    @Test
    void aDeletedReferrerIsNamedAsMissing() throws Exception {
        Manifest image = image("linux/amd64", "1");
        proofs(signer).attach(state(image.digest()), image, true);
        ImageReference listTag = ref(Referrers.fallbackTag(image.digest()));
        ObjectNode list = (ObjectNode) JSON.readTree(registry.manifest(listTag).orElseThrow().body());
        var entries = list.withArray("manifests");
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (Predicates.SLSA_PROVENANCE.equals(entries.get(i).path("annotations").path(SigstoreBundle.PREDICATE_TYPE_ANNOTATION).asText())) {
                entries.remove(i);
            }
        }
        byte[] body = JSON.writeValueAsBytes(list);
        registry.putManifest(listTag, new Manifest(body, MediaTypes.OCI_INDEX, HttpRegistryClient.sha256(body)));
        List<String> problems = new ReleaseVerifier(registry, signer.publicKey()).verify(ref("x"), image).problems();
        assertEquals(List.of(image.digest() + ": no provenance attestation verifies with the public key"), problems);
    }

    @Test
    void aBundleOfAnotherImageMovedOntoThisOneIsNotAboutIt() {
        Manifest image = image("linux/amd64", "1");
        Manifest other = image("linux/amd64", "2");
        proofs(signer).attach(state(other.digest()), other, true);
        proofs(signer).attach(state(image.digest()), image, true);
        // The other image's signature bundle, listed as a referrer of this one.
        ReferrerStore store = new ReferrerStore(registry);
        ReferrerStore.Artifact foreign = store.find(ref(null).withDigest(other.digest()), SigstoreBundle.MEDIA_TYPE).get(0);
        store.attach(ref(null), image, SigstoreBundle.MEDIA_TYPE, SigstoreBundle.MEDIA_TYPE, store.content(ref(null), foreign),
                foreign.annotations());
        List<String> problems = new ReleaseVerifier(registry, signer.publicKey()).verify(ref("x"), image).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("is about [" + other.digest() + "], not this image"), problems.toString());
    }

    @Test
    void aCompletedPromotionHasNoTestRecordAndTheVerifierSaysSo() {
        Manifest image = image("linux/amd64", "1");
        ReleaseState state = state(image.digest());
        state.checks.clear();
        proofs(signer).attach(state, image, false);
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("No test record was made")), warnings.toString());
        List<String> problems = new ReleaseVerifier(registry, signer.publicKey()).verify(ref("x"), image).problems();
        assertTrue(problems.contains(image.digest() + ": no test record attestation verifies with the public key"), problems.toString());
        assertTrue(proofs(signer).present(state, image));
    }

    @Test
    void anIndexAndEachPlatformImageAreSignedAndTheTestRecordCoversEveryPlatform() throws Exception {
        Manifest amd64 = image("linux/amd64", "1");
        Manifest arm64 = image("linux/arm64", "1");
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
        index.putArray("manifests").add(entry(amd64, "amd64")).add(entry(arm64, "arm64"));
        byte[] body = JSON.writeValueAsBytes(index);
        Manifest top = new Manifest(body, MediaTypes.OCI_INDEX, HttpRegistryClient.sha256(body));
        registry.put(REPO, null, top);
        ReleaseState state = state(top.digest());
        state.platforms = List.of("linux/amd64", "linux/arm64");
        state.draftPlatformDigests = Map.of("linux/amd64", amd64.digest(), "linux/arm64", arm64.digest());
        state.checks = List.of(new ReleaseState.PassedCheck("self-test: node --version on linux/amd64", 10),
                new ReleaseState.PassedCheck("self-test: node --version on linux/arm64", 30));
        known.put(top.digest(), Map.of("linux/amd64", inventory("1.0-1"), "linux/arm64", inventory("1.0-1")));
        proofs(signer).attach(state, top, true);
        assertEquals(List.of(top.digest(), amd64.digest(), arm64.digest()), state.signedDigests);
        assertEquals(List.of(), new ReleaseVerifier(registry, signer.publicKey()).verify(ref("x"), top).problems());

        // The same release whose gates ran on amd64 only: the record does not cover arm64.
        state.checks = List.of(new ReleaseState.PassedCheck("self-test: node --version on linux/amd64", 10));
        ReleaseProofsTest other = new ReleaseProofsTest();
        other.registry.manifests.putAll(registry.manifests);
        other.registry.blobs.putAll(registry.blobs);
        other.registry.blobContents.putAll(registry.blobContents);
        other.known.putAll(known);
        for (String digest : List.of(top.digest(), amd64.digest(), arm64.digest())) {
            other.registry.tags.getOrDefault(REPO, new java.util.HashMap<>()).remove(Referrers.fallbackTag(digest));
        }
        other.proofs(signer).attach(state, top, true);
        List<String> problems = new ReleaseVerifier(other.registry, signer.publicKey()).verify(ref("x"), top).problems();
        assertTrue(problems.contains(top.digest() + ": no gate of the test record ran on linux/arm64"), problems.toString());
    }

    private ObjectNode entry(Manifest m, String arch) {
        ObjectNode e = JSON.createObjectNode().put("mediaType", m.mediaType()).put("digest", m.digest()).put("size", m.body().length);
        e.putObject("platform").put("os", "linux").put("architecture", arch);
        return e;
    }

    private ReleaseProofs proofs(ImageSigner with) {
        return new ReleaseProofs(registry, new ReferrerStore(registry), new Inventories(registry, null, known, log), with, log,
                new ReleaseProofs.Run("1.2.3", "https://ci.example.com/run/42", "node/pom.xml", Instant.parse("2026-12-02T10:00:00Z")));
    }

    private ReleaseState state(String digest) {
        ReleaseState state = new ReleaseState();
        state.registry = "registry.example.com";
        state.repository = REPO;
        state.tag = "1.35";
        state.versionTag = "1.35-1.0.0";
        state.version = "1.0.0";
        state.definitionHash = "sha256:" + "d".repeat(64);
        state.baseDigests = Map.of(BASE, BASE_DIGEST);
        state.basePlatformDigests = Map.of(BASE, BASE_DIGEST);
        state.draftDigest = digest;
        state.tested = true;
        state.checks = new ArrayList<>(List.of(new ReleaseState.PassedCheck("self-test: node --version", 12)));
        state.buildInputs = new ReleaseState.BuildInputs("Dockerfile", ".", Map.of("NODE_ENV", "production", "NPM_TOKEN", "s3cret"),
                "https://git.example.com/platform/node", "0123456789abcdef0123456789abcdef01234567");
        return state;
    }

    /** An image whose config names the base in its labels, with an inventory known for it. */
    private Manifest image(String platform, String salt) {
        ObjectNode config = JSON.createObjectNode().put("os", "linux").put("architecture", platform.substring(6));
        config.putObject("config").putObject("Labels").put(ImageLabels.BASES, BASE + "@" + BASE_DIGEST).put("salt", salt);
        byte[] configBytes = config.toString().getBytes(StandardCharsets.UTF_8);
        String configDigest = HttpRegistryClient.sha256(configBytes);
        registry.blobContents.put(configDigest, configBytes);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json").put("digest", configDigest)
                .put("size", configBytes.length);
        manifest.putArray("layers");
        byte[] body = manifest.toString().getBytes(StandardCharsets.UTF_8);
        Manifest m = new Manifest(body, MediaTypes.OCI_MANIFEST, HttpRegistryClient.sha256(body));
        registry.put(REPO, null, m, configDigest);
        known.put(m.digest(), Map.of(platform, inventory("1.0-" + salt)));
        return m;
    }

    private static PackageInventory inventory(String version) {
        return new PackageInventory(PackageManager.DPKG, List.of(new InstalledPackage("hello", version, "hello", null, "amd64")), null);
    }

    private static ImageReference ref(String tag) {
        return ImageReference.of("registry.example.com", REPO, tag);
    }

    private static EcdsaP256Signer signer(int seed) {
        try {
            java.lang.reflect.Method of = EcdsaP256Signer.class.getDeclaredMethod("ofScalar", BigInteger.class);
            of.setAccessible(true);
            return (EcdsaP256Signer) of.invoke(null, BigInteger.valueOf(1_000_003L * seed));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

}
