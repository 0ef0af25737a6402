package dev.platformimages.ecr;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ECR detection, repository settings, lifecycle policy rendering and the scan policy: pure, no AWS. */
class EcrSettingsTest {

    @ParameterizedTest
    @CsvSource({
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com, 123456789012, eu-west-1, false",
            "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com, 123456789012, us-east-1, true",
            "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn, 123456789012, cn-north-1, false",
            "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com, 123456789012, us-gov-west-1, false",
            "123456789012.DKR.ECR.EU-WEST-1.AMAZONAWS.COM, 123456789012, eu-west-1, false",
    })
    void ecrHostsGiveAccountAndRegion(String host, String account, String region, boolean fips) {
        EcrRegistryHost ecr = EcrRegistryHost.parse(host).orElseThrow();
        assertEquals(account, ecr.account());
        assertEquals(region, ecr.region());
        assertEquals(fips, ecr.fips());
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1:5000", "ghcr.io", "myregistry.azurecr.io", "public.ecr.aws", "registry.example.com:8443"})
    void otherRegistriesAreNotEcr(String host) {
        assertTrue(EcrRegistryHost.parse(host).isEmpty());
    }

    @Test
    void anAccountIdThatIsNot12DigitsIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EcrRegistryHost.parse("12345678901.dkr.ecr.eu-west-1.amazonaws.com"));
        assertEquals("platform.registry is '12345678901.dkr.ecr.eu-west-1.amazonaws.com': an ECR registry host starts "
                + "with the 12-digit AWS account id, and '12345678901' is not one", e.getMessage());
    }

    @Test
    void aChinaHostOutsideTheChinaRegionsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> EcrRegistryHost.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com.cn"));
    }

    @Test
    void aRegionThatDoesNotMatchTheHostIsAnError() {
        EcrRegistryHost host = EcrRegistryHost.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com").orElseThrow();
        host.requireRegion("eu-west-1");
        host.requireRegion(null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> host.requireRegion("us-east-1"));
        assertTrue(e.getMessage().startsWith("platform.aws.region is 'us-east-1' but the registry "
                + "123456789012.dkr.ecr.eu-west-1.amazonaws.com is in eu-west-1"), e.getMessage());
    }

    @Test
    void repositoryDefaultsKeepVersionsImmutableAndFloatingTagsMovable() {
        RepositorySettings settings = RepositorySettings.of(true, null, List.of("latest", "8.0", "8"), null, null, null, false);
        assertEquals("IMMUTABLE_WITH_EXCLUSION", settings.tagMutability());
        assertEquals(List.of("latest", "8.0", "8"), settings.exclusions());
        assertEquals("AES256", settings.encryption());
        assertNull(settings.kmsKey());
        assertNull(settings.warning());
        assertEquals(List.of(), RepositorySettings.of(true, "mutable", List.of("latest"), null, null, null, false).exclusions());
        assertTrue(RepositorySettings.of(true, "IMMUTABLE", List.of("latest"), null, null, null, false).warning()
                .contains("the next release will fail to move them"));
    }

    @Test
    void aKmsKeyImpliesKmsAndMustBeAnArn() {
        String arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        assertEquals("KMS", RepositorySettings.of(true, null, List.of(), null, arn, null, false).encryption());
        assertEquals("KMS", RepositorySettings.of(true, null, List.of(), "KMS", "arn:aws:kms:eu-west-1:123456789012:alias/platform", null, false).encryption());
        // ECR takes a key id and an alias name as well as ARNs.
        for (String key : List.of("1234abcd-12ab-34cd-56ef-1234567890ab", "mrk-1234abcd12ab34cd56ef1234567890ab", "alias/platform-images")) {
            assertEquals(key, RepositorySettings.of(true, null, List.of(), null, key, null, false).kmsKey());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RepositorySettings.of(true, null, List.of(), null, "platform-images", null, false));
        assertTrue(e.getMessage().startsWith("platform.ecr.kmsKey is 'platform-images': give the key as ECR takes it"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RepositorySettings.of(true, null, List.of(), "AES256", arn, null, false));
        assertThrows(IllegalArgumentException.class, () -> RepositorySettings.of(true, null, List.of(), "DES", null, null, false));
        assertThrows(IllegalArgumentException.class, () -> RepositorySettings.of(true, "SOMETIMES", List.of(), null, null, null, false));
    }

    @Test
    void resourceTagsAreKeyValuePairs() {
        assertEquals(Map.of("team", "platform", "cost-center", "42"),
                RepositorySettings.of(true, null, List.of(), null, null, " team=platform , cost-center=42", false).resourceTags());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RepositorySettings.of(true, null, List.of(), null, null, "team", false));
        assertTrue(e.getMessage().startsWith("platform.ecr.repositoryTags has 'team': write key=value pairs"), e.getMessage());
        assertEquals(256, RepositorySettings.of(true, null, List.of(), null, null, "note=" + "v".repeat(256), false)
                .resourceTags().get("note").length());
        e = assertThrows(IllegalArgumentException.class,
                () -> RepositorySettings.of(true, null, List.of(), null, null, "note=" + "v".repeat(257), false));
        assertEquals("platform.ecr.repositoryTags has a value of 257 characters for 'note': AWS takes tag values of at most "
                + "256 characters", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RepositorySettings.of(true, null, List.of(), null, null, "aws:team=x", false));
    }

    @ParameterizedTest
    @CsvSource({
            "123456789012.dkr-ecr.eu-west-1.on.aws, eu-west-1, false",
            "123456789012.dkr-ecr-fips.us-east-1.on.aws, us-east-1, true",
            "123456789012.dkr-ecr.cn-north-1.on.amazonwebservices.com.cn, cn-north-1, false",
    })
    void dualStackHostsAreEcr(String host, String region, boolean fips) {
        EcrRegistryHost ecr = EcrRegistryHost.parse(host).orElseThrow();
        assertEquals("123456789012", ecr.account());
        assertEquals(region, ecr.region());
        assertEquals(fips, ecr.fips());
        assertTrue(ecr.dualStack());
        assertThrows(IllegalArgumentException.class, () -> EcrRegistryHost.parse("1234.dkr-ecr.eu-west-1.on.aws"));
        assertThrows(IllegalArgumentException.class, () -> EcrRegistryHost.parse("123456789012.dkr-ecr.eu-west-1.on.amazonwebservices.com.cn"));
    }

    @Test
    void theRendererMakesTheSeedsTerraformPolicyFromTheSameSettings() throws Exception {
        // The policy of the second seed's modules/ecr-repository/main.tf, as jsonencode renders it.
        String terraform = """
                {"rules":[
                  {"rulePriority":1,"description":"Retire draft images.",
                   "selection":{"tagStatus":"tagged","tagPrefixList":["draft"],"countType":"sinceImagePushed","countUnit":"days","countNumber":1},
                   "action":{"type":"expire"}},
                  {"rulePriority":2,"description":"Retire untagged images.",
                   "selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":1},
                   "action":{"type":"expire"}}]}""";
        LifecyclePolicy policy = new LifecyclePolicy()
                .expireTaggedAfter("draft", 1, "Retire draft images.")
                .expireUntaggedAfter(1, "Retire untagged images.");
        assertEquals(new ObjectMapper().readTree(terraform), policy.tree());
        assertTrue(policy.sameAs(terraform));
    }

    @Test
    void thePlatformImagePolicyShieldsFloatingTagsBeforeItExpiresAnything() throws Exception {
        LifecyclePolicy policy = LifecyclePolicy.forPlatformImage("8.0-bookworm-slim", List.of("latest", "8.0-bookworm-slim"), 30, 7, 30);
        var rules = policy.tree().get("rules");
        assertEquals(5, rules.size());
        assertEquals("{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"latest\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1}",
                rules.get(0).get("selection").toString());
        assertEquals("[\"8.0-bookworm-slim\"]", rules.get(1).get("selection").get("tagPatternList").toString());
        assertEquals("{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"8.0-bookworm-slim-\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":30}",
                rules.get(2).get("selection").toString());
        assertEquals("draft", rules.get(3).get("selection").get("tagPrefixList").get(0).asText());
        assertEquals(7, rules.get(3).get("selection").get("countNumber").asInt());
        assertEquals("untagged", rules.get(4).get("selection").get("tagStatus").asText());
        for (int i = 0; i < rules.size(); i++) {
            assertEquals(i + 1, rules.get(i).get("rulePriority").asInt());
            assertEquals("expire", rules.get(i).get("action").get("type").asText());
        }
        assertFalse(policy.sameAs("{\"rules\":[]}"));
        assertTrue(policy.sameAs(policy.json()));
    }

    @ParameterizedTest
    @CsvSource({"0, 7, 30, platform.lifecycle.keepVersions is 0", "30, 0, 30, platform.lifecycle.draftDays is 0",
            "30, 7, -1, platform.lifecycle.untaggedDays is -1"})
    void aRuleCountBelowOneIsAnError(int keep, int draftDays, int untaggedDays, String start) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LifecyclePolicy.forPlatformImage("8.0", List.of("latest"), keep, draftDays, untaggedDays));
        assertTrue(e.getMessage().startsWith(start + ": a lifecycle rule needs a count of at least 1"), e.getMessage());
    }

    @Test
    void theScanPolicyCountsFindingsAtOrAboveItsSeverity() {
        ScanPolicy high = ScanPolicy.parse("high", 0);
        Map<String, Integer> counts = Map.of("CRITICAL", 1, "HIGH", 2, "MEDIUM", 7);
        assertEquals(3, high.countedFindings(counts));
        assertFalse(high.passes(counts));
        assertEquals("3 finding(s) at HIGH or above (CRITICAL 1, HIGH 2), at most 0 allowed", high.describe(counts));
        assertTrue(ScanPolicy.parse("CRITICAL", 1).passes(counts));
        assertFalse(ScanPolicy.parse("MEDIUM", 9).passes(counts));
        assertTrue(high.passes(Map.of("LOW", 40)));
        assertNull(ScanPolicy.parse(" ", 0), "off when unset");
        assertEquals("platform.scan.failOn is 'SEVERE': use CRITICAL, HIGH, MEDIUM, LOW or INFORMATIONAL (the lowest severity that blocks a release)",
                assertThrows(IllegalArgumentException.class, () -> ScanPolicy.parse("SEVERE", 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScanPolicy.parse("HIGH", -1));
    }

    @Test
    void ecrOptionsNameTheBadParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EcrOptions.of(null, "platform-role", null, 5))
                .getMessage().startsWith("platform.aws.roleArn is 'platform-role'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EcrOptions.of(null, null, "http://ecr.example.com", 5))
                .getMessage().contains("plain http is only allowed on localhost"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EcrOptions.of(null, null, null, 0))
                .getMessage().startsWith("platform.aws.maxAttempts is 0"));
        assertEquals("arn:aws:iam::123456789012:role/platform-images",
                EcrOptions.of(null, "arn:aws:iam::123456789012:role/platform-images", "https://vpce-1.api.ecr.eu-west-1.vpce.amazonaws.com", 5).roleArn());
    }
}
