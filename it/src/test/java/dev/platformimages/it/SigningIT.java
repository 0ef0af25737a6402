package dev.platformimages.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platformimages.kms.FakeKms;
import dev.platformimages.sbom.SbomSchemas;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Releases signed with a cosign key and with a (fake) KMS key, checked by verifiers no one here wrote: Sigstore's own
 * (sigstore-js, from the npm registry, trusting only the public key) for the bundles, openssl for cosign's legacy
 * {@code .sig} as the cosign spec describes it, the official JSON schemas for the SBOMs; and by the verify goal, which
 * also catches what someone changed in the registry afterwards.
 */
class SigningIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUNDLE = "application/vnd.dev.sigstore.bundle.v0.3+json";
    private static final String PASSPHRASE = "correct horse";
    private static final List<String> PREDICATES = List.of("https://cyclonedx.org/bom", "https://in-toto.io/attestation/test-result/v0.1",
            "https://sigstore.dev/cosign/sign/v1", "https://slsa.dev/provenance/v1", "https://spdx.dev/Document");

    @Test
    void aReleaseSignedWithACosignKeyVerifiesEverywhereAndTamperingIsNamed() throws Exception {
        Scenario s = Scenario.start("signing");
        // The keys live outside the project folder, as a CI secret file would: the folder is the build context.
        Path work = Files.createTempDirectory("signing-it");
        copyResource("/signing/cosign-node.key", work.resolve("cosign.key"));
        copyResource("/signing/cosign-node.pub", work.resolve("cosign.pub"));
        String keyFile = "platform.signing.key=" + work.resolve("cosign.key");
        String publicKeyFile = "platform.signing.publicKey=" + work.resolve("cosign.pub");
        Map<String, String> env = ImageProject.env("COSIGN_PASSWORD", PASSPHRASE);

        // An encrypted key without its passphrase fails before anything is built, naming the variable.
        ImageProject.Run noPassphrase = s.project.mvn("deploy", keyFile);
        assertFalse(noPassphrase.succeeded(), noPassphrase::toString);
        assertTrue(noPassphrase.log.contains("platform.signing.key: cosign.key is encrypted: set the environment variable "
                + "COSIGN_PASSWORD to its passphrase"), noPassphrase::toString);
        assertEquals(List.of(), s.tags());

        ImageProject.Run release = s.project.mvn(env, "deploy", keyFile);
        assertTrue(release.succeeded(), release::toString);
        String digest = s.digest(Scenario.TAG + "-1.0.0");
        s.assertFloatingTagsOn("1.0.0");
        assertEquals(List.of(digest), JSON.convertValue(s.project.state().path("signedDigests"), List.class));
        String repository = s.project.repository;
        assertEquals(new TreeSet<>(List.of("sha256-" + digest.substring(7) + ".att", "sha256-" + digest.substring(7) + ".sig")),
                new TreeSet<>(LocalRegistry.cosignTags(repository)));

        Path publicKey = work.resolve("cosign.pub");
        TestKeys.p256(work, "other");
        Path otherKey = work.resolve("other.pub");
        assertEquals(PREDICATES, sigstoreVerifies(repository, digest, publicKey, work));
        assertEquals(List.of(), sigstoreVerifies(repository, digest, otherKey, work), "another key verifies nothing");
        assertTrue(opensslVerifiesLegacySignature(repository, digest, publicKey, work));
        assertFalse(opensslVerifiesLegacySignature(repository, digest, otherKey, work));

        byte[] cyclonedx = LocalRegistry.referrerContents(repository, digest, "application/vnd.cyclonedx+json").get(0);
        assertEquals(List.of(), SbomSchemas.cycloneDxProblems(cyclonedx));
        assertEquals(List.of(), SbomSchemas.spdxProblems(LocalRegistry.referrerContents(repository, digest, "application/spdx+json").get(0)));
        assertTrue(new String(cyclonedx, StandardCharsets.UTF_8).contains(s.upstreamDigest().substring(7)), "the SBOM lists the base");

        ImageProject.Run verify = s.project.mvn("platform-image:verify", publicKeyFile);
        assertTrue(verify.succeeded(), verify::toString);
        JsonNode report = JSON.readTree(s.project.file("target/platform-image/verify.json").toFile());
        assertEquals(3, report.path("references").size(), report::toString);
        report.path("references").forEach(r -> assertTrue(r.path("verified").asBoolean(), r::toString));
        for (String log : List.of(noPassphrase.log, release.log, verify.log)) {
            assertEquals(List.of(), SecretScan.find(log, PASSPHRASE), "the passphrase reached a log");
        }
        assertEquals(List.of(), SecretScan.findInFiles(s.project.file("target"), PASSPHRASE));

        // Someone signs the image with their own key over the .sig tag: named, and undone.
        JsonNode sig = LocalRegistry.manifest(repository, "sha256-" + digest.substring(7) + ".sig");
        ObjectNode forged = sig.deepCopy();
        byte[] payload = LocalRegistry.blob(repository, sig.path("layers").get(0).path("digest").asText());
        Files.write(work.resolve("payload"), payload);
        TestKeys.openssl(work, "dgst", "-sha256", "-sign", "other.key", "-out", "forged.sig", "payload");
        ((ObjectNode) forged.withArray("layers").get(0).path("annotations")).put("dev.cosignproject.cosign/signature",
                Base64.getEncoder().encodeToString(Files.readAllBytes(work.resolve("forged.sig"))));
        LocalRegistry.putManifest(repository, "sha256-" + digest.substring(7) + ".sig", forged);
        ImageProject.Run forgedRun = s.project.mvn("platform-image:verify", publicKeyFile);
        assertFalse(forgedRun.succeeded(), forgedRun::toString);
        assertTrue(forgedRun.log.contains(digest + ": the cosign signature sha256:"), forgedRun::toString);
        assertTrue(forgedRun.log.contains("does not verify with the public key for this digest"), forgedRun::toString);
        LocalRegistry.putManifest(repository, "sha256-" + digest.substring(7) + ".sig", sig);

        // Someone deletes the provenance from the referrers list: named as missing.
        JsonNode list = LocalRegistry.manifest(repository, "sha256-" + digest.substring(7));
        ObjectNode pruned = list.deepCopy();
        ArrayNode entries = pruned.withArray("manifests");
        for (int i = entries.size() - 1; i >= 0; i--) {
            if ("https://slsa.dev/provenance/v1".equals(entries.get(i).path("annotations").path("dev.sigstore.bundle.predicateType").asText())) {
                entries.remove(i);
            }
        }
        LocalRegistry.putManifest(repository, "sha256-" + digest.substring(7), pruned);
        ImageProject.Run deleted = s.project.mvn("platform-image:verify", publicKeyFile);
        assertFalse(deleted.succeeded(), deleted::toString);
        assertTrue(deleted.log.contains(digest + ": no provenance attestation verifies with the public key"), deleted::toString);
        LocalRegistry.putManifest(repository, "sha256-" + digest.substring(7), list);

        // A release without the key: unsigned, and the floating tags now name an image the verifier refuses.
        ImageProject.Run unsigned = s.project.mvn("deploy", "platform.force=true");
        assertTrue(unsigned.succeeded(), unsigned::toString);
        String unsignedDigest = s.digest(Scenario.TAG + "-1.1.0");
        ImageProject.Run moved = s.project.mvn("platform-image:verify", publicKeyFile);
        assertFalse(moved.succeeded(), moved::toString);
        assertTrue(moved.log.contains("latest, " + Scenario.TAG + ", " + Scenario.TAG + "-1.1.0: " + unsignedDigest
                + ": carries no signature and no attestation (released unsigned, or they were deleted)"), moved::toString);
        ImageProject.Run status = s.project.mvn("platform-image:status");
        assertTrue(status.succeeded(), status::toString);
        assertFalse(JSON.readTree(s.project.file("target/platform-image-status.json").toFile()).path("images").get(0).path("signed").asBoolean(true));

        // platform.signing.required: an unsigned release fails before the build; a rollback goes to signed versions only.
        ImageProject.Run required = s.project.mvn("deploy", "platform.force=true", "platform.signing.required=true");
        assertFalse(required.succeeded(), required::toString);
        assertTrue(required.log.contains("platform.signing.required is set but no platform.signing.key is given"), required::toString);
        assertEquals(unsignedDigest, s.digest("latest"));
        ImageProject.Run rollback = s.project.mvn(env, "platform-image:rollback", "platform.rollbackTo=1.0.0",
                keyFile, "platform.signing.required=true");
        assertTrue(rollback.succeeded(), rollback::toString);
        s.assertFloatingTagsOn("1.0.0");
        ImageProject.Run back = s.project.mvn(env, "platform-image:rollback", "platform.rollbackTo=1.1.0",
                keyFile, "platform.signing.required=true");
        assertFalse(back.succeeded(), back::toString);
        assertTrue(back.log.contains("will not roll back to " + Scenario.TAG + "-1.1.0: platform.signing.required is set"), back::toString);
        s.assertFloatingTagsOn("1.0.0");
        assertTrue(s.project.mvn("platform-image:verify", publicKeyFile, "platform.version=1.0.0").succeeded());

        // Someone moves the version tag 1.0.0 to the unsigned image: named.
        String signedDigest = s.digest(Scenario.TAG + "-1.0.0");
        LocalRegistry.copyTag(repository, Scenario.TAG + "-1.1.0", Scenario.TAG + "-1.0.0");
        ImageProject.Run retagged = s.project.mvn("platform-image:verify", publicKeyFile, "platform.version=1.0.0");
        assertFalse(retagged.succeeded(), retagged::toString);
        assertTrue(retagged.log.contains(Scenario.TAG + "-1.0.0: " + unsignedDigest + ": carries no signature and no attestation"),
                retagged::toString);
        assertFalse(retagged.log.contains("latest, " + Scenario.TAG + ": "), "the floating tags still verify: " + retagged);
        assertEquals(signedDigest, s.digest("latest"));
    }

    @Test
    void aReleaseSignedWithAKmsKeyVerifiesWithTheKeysPublicKey() throws Exception {
        try (FakeKms kms = new FakeKms()) {
            kms.createKey("alias/platform-images");
            Scenario s = Scenario.start("signing-kms");
            Path work = Files.createTempDirectory("signing-kms-it");
            Path publicKey = work.resolve("kms.pub");
            Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(kms.key("alias/platform-images").getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            Map<String, String> aws = ImageProject.env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE",
                    "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
            String key = "platform.signing.key=awskms://" + kms.endpoint() + "/alias/platform-images";
            ImageProject.Run release = s.project.mvn(aws, "deploy", key, "platform.aws.region=" + FakeKms.REGION);
            assertTrue(release.succeeded(), release::toString);
            String digest = s.digest(Scenario.TAG + "-1.0.0");
            assertTrue(kms.signCalls.get() >= 6, "every signature is made by KMS: " + kms.signCalls.get());
            assertEquals(PREDICATES, sigstoreVerifies(s.project.repository, digest, publicKey, work));
            assertTrue(opensslVerifiesLegacySignature(s.project.repository, digest, publicKey, work));
            ImageProject.Run verify = s.project.mvn(aws, "platform-image:verify", key, "platform.aws.region=" + FakeKms.REGION);
            assertTrue(verify.succeeded(), verify::toString);
            assertEquals(List.of(), SecretScan.find(release.log + verify.log, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        }
    }

    /** The predicate types of the bundles about {@code digest} that Sigstore's verifier accepts with {@code publicKey}. */
    private static List<String> sigstoreVerifies(String repository, String digest, Path publicKey, Path work) throws Exception {
        Path script = work.resolve("verify-bundle.js");
        copyResource("/sigstore/verify-bundle.js", script);
        String modules = DockerCli.Arm64.ENV.get("PLATFORM_SIGSTORE_JS");
        assertTrue(modules != null && Files.isDirectory(Path.of(modules)), "scripts/env.sh installs sigstore-js (PLATFORM_SIGSTORE_JS)");
        List<String> verified = new ArrayList<>();
        int n = 0;
        for (byte[] bundle : LocalRegistry.referrerContents(repository, digest, BUNDLE)) {
            Path file = work.resolve("bundle-" + n++ + ".json");
            Files.write(file, bundle);
            ProcessBuilder node = new ProcessBuilder("node", script.toString(), file.toString(), publicKey.toString(), digest)
                    .redirectErrorStream(true);
            node.environment().put("NODE_PATH", modules);
            Process p = node.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() == 0) {
                assertTrue(out.startsWith("verified "), out);
                verified.add(out.substring("verified ".length()));
            } else {
                assertTrue(out.startsWith("not verified: "), out);
            }
        }
        return verified.stream().sorted().toList();
    }

    /** Checks cosign's legacy signature with openssl, as the cosign spec describes it: ECDSA over the payload's SHA-256. */
    private static boolean opensslVerifiesLegacySignature(String repository, String digest, Path publicKey, Path work) throws Exception {
        JsonNode sig = LocalRegistry.manifest(repository, "sha256-" + digest.substring(7) + ".sig");
        JsonNode layer = sig.path("layers").get(0);
        assertEquals("application/vnd.dev.cosign.simplesigning.v1+json", layer.path("mediaType").asText());
        byte[] payload = LocalRegistry.blob(repository, layer.path("digest").asText());
        JsonNode critical = JSON.readTree(payload).path("critical");
        assertEquals(digest, critical.path("image").path("docker-manifest-digest").asText());
        assertEquals(ImageProject.REGISTRY + "/" + repository, critical.path("identity").path("docker-reference").asText());
        Files.write(work.resolve("payload"), payload);
        Files.write(work.resolve("payload.sig"), Base64.getDecoder().decode(layer.path("annotations").path("dev.cosignproject.cosign/signature").asText()));
        Process p = new ProcessBuilder("openssl", "dgst", "-sha256", "-verify", publicKey.toString(), "-signature", "payload.sig", "payload")
                .directory(work.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = SigningIT.class.getResourceAsStream(name)) {
            Files.write(target, in.readAllBytes());
        }
    }
}
