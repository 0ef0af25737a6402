package dev.platformimages.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platformimages.ecr.FakeEcr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publishing to ECR: the real goals on a thin POM whose registry is an ECR host. The ECR API is {@link FakeEcr}
 * (WireMock with ECR's request and response shapes); image bytes go to the real local registry
 * (platform.ecr.registryEndpoint), and the real engine builds and tests the image. The AWS credentials are another
 * account's than the registry's, as in a cross-account release.
 */
class EcrIT {

    private static final String AWS_SECRET = FakeEcr.SECRET_KEY;
    private static final String AWS_SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLEsessionTOKEN";
    private FakeEcr ecr;

    @BeforeEach
    void start() {
        ecr = new FakeEcr(new RegistryImageStore(ImageProject.REGISTRY));
    }

    @AfterEach
    void stop() {
        ecr.close();
    }

    private static Map<String, String> aws() {
        return ImageProject.env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY", AWS_SECRET,
                "AWS_SESSION_TOKEN", AWS_SESSION_TOKEN, "AWS_EC2_METADATA_DISABLED", "true");
    }

    private ImageProject.Run mvn(Scenario s, String goal, String... properties) {
        return mvn(s.project, goal, properties);
    }

    private ImageProject.Run mvn(ImageProject project, String goal, String... properties) {
        String[] all = new String[properties.length + 3];
        all[0] = "platform.registry=" + FakeEcr.HOST;
        all[1] = "platform.ecr.endpoint=" + ecr.endpoint();
        // Image bytes go to the local registry as they would to a VPC endpoint's own name; the token's proxyEndpoint
        // names the caller's account (FakeEcr.CALLER_ACCOUNT), which must not matter.
        all[2] = "platform.ecr.registryEndpoint=" + ImageProject.REGISTRY;
        System.arraycopy(properties, 0, all, 3, properties.length);
        return project.mvn(aws(), true, goal, all); // -X -e: no secret at debug level either
    }

    /** In no encoding: the ECR token's password (and so the token), the AWS secret key and session token. */
    private static void assertNoSecretIn(ImageProject.Run run) {
        assertEquals(List.of(), SecretScan.find(run.log, FakeEcr.TOKEN_PASSWORD), "the registry token is in the log");
        assertEquals(List.of(), SecretScan.find(run.log, AWS_SECRET), "the AWS secret key is in the log");
        assertEquals(List.of(), SecretScan.find(run.log, AWS_SESSION_TOKEN), "the AWS session token is in the log");
    }

    @Test
    void theFirstReleaseCreatesTheRepositoryAndPromotesTheTestedDraftByPutImage() throws Exception {
        Scenario s = Scenario.start("ecr-first");
        String repository = s.project.repository;

        ImageProject.Run run = mvn(s, "deploy");

        assertTrue(run.succeeded(), run::toString);
        assertTrue(run.log.contains("ECR " + FakeEcr.ACCOUNT + " eu-west-1: image bytes go to " + ImageProject.REGISTRY
                + " (platform.ecr.registryEndpoint)"), run::toString);
        assertFalse(run.log.contains(FakeEcr.CALLER_ACCOUNT + ".dkr.ecr"), "nothing goes to the caller's own registry");
        assertTrue(run.log.contains("FIRST_VERSION"), run::toString);
        assertTrue(run.log.contains("Created ECR repository " + repository + ": scan on push on, tags IMMUTABLE_WITH_EXCLUSION "
                + "(movable: latest, 1.35-stable), encryption AES256"), run::toString);
        JsonNode create = ecr.bodies("CreateRepository").get(0);
        assertEquals(repository, create.get("repositoryName").asText());
        assertEquals(FakeEcr.ACCOUNT, create.get("registryId").asText());
        assertEquals(1, ecr.bodies("CreateRepository").size());

        // The draft was pushed next to the releases (ECR can remove one tag), tested, then copied tag by tag.
        // The claim on the version (VersionClaims) is a PutImage of its own, deleted by tag once the version is written.
        List<String> claims = ecr.bodies("PutImage").stream().map(p -> p.path("imageTag").asText())
                .filter(t -> t.startsWith("claim-1.0.0-")).toList();
        assertEquals(1, claims.size(), claims::toString);
        // After the release, its package inventory is put as an artifact (by digest, subject = the image); its referrers
        // list goes under the tag schema here, as the Docker API of this fake is a registry without the referrers API.
        assertTrue(ecr.bodies("PutImage").stream().anyMatch(p -> !p.has("imageTag")
                && p.get("imageManifest").asText().contains("\"artifactType\":\"application/vnd.platformimages.inventory.v1+json\"")),
                "the inventory is kept with the release");
        List<JsonNode> puts = ecr.bodies("PutImage").stream().filter(p -> p.has("imageTag")
                && !p.get("imageTag").asText().startsWith("claim-")
                && !dev.platformimages.registry.Referrers.isKeptWithImage(p.get("imageTag").asText())).toList();
        assertEquals(List.of("1.35-stable-1.0.0", "latest", "1.35-stable"), puts.stream().map(p -> p.get("imageTag").asText()).toList());
        String digest = LocalRegistry.digest(repository, "1.35-stable-1.0.0").orElseThrow();
        for (JsonNode put : puts) {
            assertEquals(digest, FakeEcrDigest.of(put.get("imageManifest").asText()), "every tag gets the tested manifest, byte for byte");
            assertEquals(put.get("imageManifestMediaType").asText(), puts.get(0).get("imageManifestMediaType").asText());
        }
        List<String> deleted = ecr.bodies("BatchDeleteImage").stream()
                .map(d -> d.get("imageIds").get(0).get("imageTag").asText()).toList();
        assertEquals(2, deleted.size(), deleted::toString);
        assertEquals(claims.get(0), deleted.get(0), "the claim goes once the version tag is written");
        assertTrue(deleted.get(1).startsWith("draft-1.0.0-"), deleted::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "latest"), ecr.tags(repository), "the draft tag is gone");
        assertEquals(digest, LocalRegistry.digest(repository, "latest").orElseThrow());

        String state = Files.readString(s.project.dir.resolve("target/platform-image/state.json"));
        assertFalse(state.contains(FakeEcr.TOKEN_PASSWORD));
        assertNoSecretIn(run);
        s.assertNoLeftovers();

        // A second release reuses the repository and reads versions from every page of ListImages. The first version's
        // scan found a critical finding; the second's is clean: its release notes say the finding was fixed.
        String first = LocalRegistry.digest(repository, "1.35-stable-1.0.0").orElseThrow();
        ecr.scanFindingsByDigest.put(first, "{\"imageScanStatus\":{\"status\":\"COMPLETE\"},\"imageScanFindings\":"
                + "{\"findingSeverityCounts\":{\"CRITICAL\":1},\"findings\":[{\"name\":\"CVE-2024-6387\",\"severity\":\"CRITICAL\","
                + "\"attributes\":[{\"key\":\"package_name\",\"value\":\"openssh\"},{\"key\":\"package_version\",\"value\":\"1:9.2p1-2\"}]}]}}");
        ImageProject.Run second = mvn(s, "deploy", "platform.force=true");
        assertTrue(second.succeeded(), second::toString);
        assertEquals(1, ecr.bodies("CreateRepository").size(), "no CreateRepository for an existing repository");
        assertTrue(second.log.contains("ECR repository " + repository + " exists (scan on push on, tags IMMUTABLE_WITH_EXCLUSION"),
                second::toString);
        assertTrue(ecr.bodies("ListImages").stream().anyMatch(r -> r.has("nextToken")), "paged through the tags");
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "1.35-stable-1.1.0", "latest"), ecr.tags(repository));
        assertEquals(LocalRegistry.digest(repository, "1.35-stable-1.1.0"), LocalRegistry.digest(repository, "latest"));
        assertTrue(second.log.contains("Registry requests of this check:") && second.log.contains("ECR API " + FakeEcr.ACCOUNT
                + " eu-west-1: "), second::toString);
        assertNoSecretIn(second);
        com.fasterxml.jackson.databind.JsonNode findings = s.project.state().path("findings");
        assertEquals("[\"CRITICAL CVE-2024-6387 in openssh 1:9.2p1-2\"]", findings.path("fixed").toString(), second::toString);
        assertEquals("[]", findings.path("introduced").toString(), second::toString);
        assertTrue(second.log.contains("Since 1.35-stable-1.0.0, scan findings: 1 fixed, 0 introduced"), second::toString);

        // Up to date: nothing is created, put or deleted.
        int putsBefore = ecr.bodies("PutImage").size();
        ImageProject.Run third = mvn(s, "deploy");
        assertTrue(third.succeeded(), third::toString);
        assertTrue(third.log.contains("UP_TO_DATE"), third::toString);
        assertEquals(putsBefore, ecr.bodies("PutImage").size());
        assertEquals(2, ecr.bodies("DescribeRepositories").size(), "no repository call on a run that publishes nothing");
    }

    @Test
    void aCriticalFindingInTheDraftsScanBlocksTheRelease() {
        ecr.scanFindings = "{\"imageScanStatus\":{\"status\":\"COMPLETE\"},\"imageScanFindings\":{\"findingSeverityCounts\":"
                + "{\"CRITICAL\":1},\"findings\":[{\"name\":\"CVE-2024-6387\",\"severity\":\"CRITICAL\",\"attributes\":"
                + "[{\"key\":\"package_name\",\"value\":\"openssh\"},{\"key\":\"package_version\",\"value\":\"1:9.2p1-2\"}]}]}}";
        Scenario s = Scenario.start("ecr-scan");

        ImageProject.Run run = mvn(s, "deploy", "platform.scan.failOn=HIGH");

        assertFalse(run.succeeded(), run::toString);
        assertTrue(run.log.contains("the scan gate failed for " + s.project.repository + "@sha256:"), run::toString);
        assertTrue(run.log.contains(": 1 finding(s) at HIGH or above (CRITICAL 1), at most 0 allowed (1 page(s) of findings); "
                + "nothing was published"), run::toString);
        assertTrue(run.log.contains("CRITICAL CVE-2024-6387 in openssh 1:9.2p1-2"), run::toString);
        assertEquals(0, ecr.bodies("PutImage").size(), "nothing promoted");
        assertEquals(List.of(), ecr.tags(s.project.repository), "the draft is removed, no version published");
        assertNoSecretIn(run);
        s.assertNoLeftovers();
    }

    /** An Amazon Inspector finding as ECR gives it under enhanced scanning. */
    private static String enhanced(String cve, String severity, String pkg) {
        return "{\"awsAccountId\":\"" + FakeEcr.ACCOUNT + "\",\"severity\":\"" + severity + "\",\"status\":\"ACTIVE\","
                + "\"title\":\"" + cve + " - " + pkg + "\",\"type\":\"PACKAGE_VULNERABILITY\",\"packageVulnerabilityDetails\":"
                + "{\"vulnerabilityId\":\"" + cve + "\",\"vulnerablePackages\":[{\"name\":\"" + pkg + "\",\"version\":\"1.0\"}]}}";
    }

    @Test
    void underEnhancedScanningACriticalFindingOnTheSecondPageBlocksTheRelease() {
        ecr.scanType = "ENHANCED";
        ecr.enhancedFindings = List.of(enhanced("CVE-2024-0001", "LOW", "zlib"), enhanced("CVE-2024-0002", "MEDIUM", "libc6"),
                enhanced("CVE-2024-6387", "CRITICAL", "openssh-client"));
        Scenario s = Scenario.start("ecr-enhanced");

        ImageProject.Run run = mvn(s, "deploy", "platform.scan.failOn=HIGH");

        assertFalse(run.succeeded(), run::toString);
        assertTrue(run.log.contains("Scan gate: ECR scanning is ENHANCED (Amazon Inspector), CONTINUOUS_SCAN for "), run::toString);
        assertTrue(run.log.contains(": 1 finding(s) at HIGH or above (CRITICAL 1), at most 0 allowed (2 page(s) of findings)"), run::toString);
        assertTrue(run.log.contains("CRITICAL CVE-2024-6387 in openssh-client 1.0"), run::toString);
        assertEquals(0, ecr.bodies("StartImageScan").size(), "no manual scan under enhanced scanning");
        assertEquals(List.of(), ecr.tags(s.project.repository), "nothing published");
        assertNoSecretIn(run);
    }

    @Test
    void aMultiArchReleaseIsScannedImageByImageAndPublished() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("ok".equals(DockerCli.Arm64.BINFMT), "linux/arm64 cannot run here");
        // The scan gate is configured as a group in the POM here (the other tests give its property).
        Scenario s = Scenario.withConfiguration("ecr-multiarch",
                "<selfTests><selfTest><name>arch</name><shell>uname -m</shell></selfTest></selfTests>"
                        + "<scan><failOn>CRITICAL</failOn></scan>");
        MultiArchReleaseIT.twoPlatformUpstream(s);

        // Signed (a plain PKCS#8 key from openssl): the proofs go in by PutImage, by digest, before any tag names the image.
        String key = "platform.signing.key=" + TestKeys.p256(java.nio.file.Files.createTempDirectory("ecr-keys"), "release");
        ImageProject.Run run = mvn(s, "deploy", "platform.platforms=linux/amd64,linux/arm64", key);

        assertTrue(run.succeeded(), run::toString);
        long artifacts = ecr.bodies("PutImage").stream().filter(r -> r.path("imageManifest").asText().contains("\"subject\"")
                && r.path("imageManifest").asText().contains("application/vnd.dev.sigstore.bundle.v0.3+json")).count();
        assertEquals(15, artifacts, "5 bundles for the index and for each platform image, put by PutImage");
        // (The verify goal is not run here: this fake deletes a platform image once its draft tag goes, where ECR refuses
        // to delete an image an index refers to; SigningIT and MultiArchReleaseIT verify signed releases.)
        List<String> scanned = ecr.bodies("DescribeImageScanFindings").stream()
                .map(r -> r.path("imageId").path("imageDigest").asText()).distinct().toList();
        assertEquals(2, scanned.size(), "one scan per platform image: " + scanned);
        String index = LocalRegistry.digest(s.project.repository, "1.35-stable-1.0.0").orElseThrow();
        assertFalse(scanned.contains(index), "never the index");
        assertTrue(run.log.contains("(linux/amd64) after ") && run.log.contains("(linux/arm64) after "), run::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "latest"), ecr.tags(s.project.repository));
        assertNoSecretIn(run);
    }

    @Test
    void aMultiArchReleaseByAnAgentPerPlatformIsAssembledInEcr() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("ok".equals(DockerCli.Arm64.BINFMT), "linux/arm64 cannot run here");
        Scenario s = Scenario.withConfiguration("ecr-agents", "<selfTests><selfTest><name>arch</name><shell>uname -m</shell>"
                + "</selfTest></selfTests><scan><failOn>CRITICAL</failOn></scan>");
        MultiArchReleaseIT.twoPlatformUpstream(s);
        String both = "platform.platforms=linux/amd64,linux/arm64";
        // In ECR the drafts, the decision and the gate records are tags of the release repository itself.
        ImageProject.Run amd64 = mvn(s.project.sibling("amd64"), "verify", both, "platform.platform=linux/amd64",
                "platform.releaseId=ecr-7");
        assertTrue(amd64.succeeded(), amd64::toString);
        ImageProject.Run arm64 = mvn(s.project.sibling("arm64"), "verify", both, "platform.platform=linux/arm64",
                "platform.releaseId=ecr-7");
        assertTrue(arm64.succeeded(), arm64::toString);
        assertTrue(ecr.tags(s.project.repository).contains("draft-1.0.0-release-ecr-7-linux-arm64"), ecr.tags(s.project.repository)::toString);
        assertFalse(ecr.tags(s.project.repository).contains("1.35-stable-1.0.0"), "agents publish nothing");

        ImageProject.Run assembled = mvn(s, "platform-image:assemble", both, "platform.releaseId=ecr-7");

        assertTrue(assembled.succeeded(), assembled::toString);
        JsonNode index = LocalRegistry.manifest(s.project.repository, "1.35-stable-1.0.0");
        assertEquals(2, index.path("manifests").size(), index::toString);
        List<String> scanned = ecr.bodies("DescribeImageScanFindings").stream()
                .map(r -> r.path("imageId").path("imageDigest").asText()).distinct().toList();
        for (JsonNode entry : index.path("manifests")) {
            assertTrue(scanned.contains(entry.path("digest").asText()), "each platform's draft was scanned by its agent");
        }
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "draft-1.0.0-release-ecr-7", "latest"),
                ecr.tags(s.project.repository), "the drafts and gate records go; the decision stays until the next release");
        for (ImageProject.Run run : List.of(amd64, arm64, assembled)) {
            assertNoSecretIn(run);
        }
    }

    @Test
    void theLifecyclePolicyIsPreviewedThenAppliedOnce() throws Exception {
        Scenario s = Scenario.start("ecr-lifecycle");

        ImageProject.Run dry = mvn(s, "platform-image:lifecycle-policy", "platform.dryRun=true", "platform.lifecycle.keepVersions=5");
        assertTrue(dry.succeeded(), dry::toString);
        assertTrue(dry.log.contains("Dry run: the lifecycle policy for " + s.project.repository + " would be:"), dry::toString);
        assertTrue(dry.log.contains("Keep the newest 5 versions of 1.35-stable."), dry::toString);
        assertEquals(1, ecr.bodies("StartLifecyclePolicyPreview").size());
        assertEquals(0, ecr.bodies("PutLifecyclePolicy").size());

        assertTrue(mvn(s, "platform-image:lifecycle-policy", "platform.lifecycle.keepVersions=5").succeeded());
        assertTrue(mvn(s, "platform-image:lifecycle-policy", "platform.lifecycle.keepVersions=5").succeeded());
        List<JsonNode> puts = ecr.bodies("PutLifecyclePolicy");
        assertEquals(1, puts.size(), "the same policy is not put twice");
        JsonNode rules = new com.fasterxml.jackson.databind.ObjectMapper().readTree(puts.get(0).get("lifecyclePolicyText").asText()).get("rules");
        assertEquals("latest", rules.get(0).get("selection").get("tagPatternList").get(0).asText());
        assertEquals(5, rules.get(2).get("selection").get("countNumber").asInt());

        ImageProject.Run bad = mvn(s, "platform-image:lifecycle-policy", "platform.lifecycle.keepVersions=0");
        assertFalse(bad.succeeded());
        assertTrue(bad.log.contains("platform.lifecycle.keepVersions is 0: a lifecycle rule needs a count of at least 1"), bad::toString);
        assertEquals(1, ecr.bodies("PutLifecyclePolicy").size());
    }

    @Test
    void aDeployWithLifecycleApplyPutsThePolicyAfterTheRelease() throws Exception {
        // <lifecycle> in the POM wins over its property on the command line.
        Scenario s = Scenario.withConfiguration("ecr-apply", "<lifecycle><keepVersions>7</keepVersions></lifecycle>");
        int putsBefore = ecr.bodies("PutLifecyclePolicy").size();

        ImageProject.Run run = mvn(s, "deploy", "platform.lifecycle.apply=true", "platform.lifecycle.keepVersions=9");

        assertTrue(run.succeeded(), run::toString);
        assertTrue(run.log.indexOf("Published ") < run.log.indexOf("Applied the lifecycle policy of " + s.project.repository),
                run::toString);
        List<JsonNode> puts = ecr.bodies("PutLifecyclePolicy");
        assertEquals(putsBefore + 1, puts.size(), "one policy put, for this release");
        JsonNode put = puts.get(puts.size() - 1);
        assertEquals(s.project.repository, put.get("repositoryName").asText());
        JsonNode rules = new com.fasterxml.jackson.databind.ObjectMapper().readTree(put.get("lifecyclePolicyText").asText()).get("rules");
        assertEquals(7, rules.get(2).get("selection").get("countNumber").asInt());
        assertNoSecretIn(run);
    }

    /** sha256 of a manifest string, as ECR computes an image digest. */
    private static final class FakeEcrDigest {
        static String of(String manifest) throws Exception {
            return "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }
}
