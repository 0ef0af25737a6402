package dev.platformimages.plugin.config;

import dev.platformimages.release.ReleaseFailure;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigurationPropertiesTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void theConfiguredValueWinsOverEveryProperty() {
        ConfigurationProperties p = new ConfigurationProperties(props("platform.ecr.kmsKey", "cli"), props(), props());
        assertEquals("pom", p.string("pom", "platform.ecr.kmsKey"));
    }

    @Test
    void theCommandLineWinsOverTheJvmAndThePom() {
        ConfigurationProperties p = new ConfigurationProperties(props("k", "cli"), props("k", "jvm"), props("k", "pom"));
        assertEquals("cli", p.string(null, "k"));
        assertEquals("jvm", new ConfigurationProperties(props(), props("k", "jvm"), props("k", "pom")).string(null, "k"));
        assertEquals("pom", new ConfigurationProperties(props(), props(), props("k", "pom")).string(null, "k"));
    }

    @Test
    void blankCountsAsUnsetAndTheDefaultApplies() {
        ConfigurationProperties p = new ConfigurationProperties(props("k", "  "), null, props());
        assertNull(p.string(" ", "k"));
        assertEquals("d", p.string(null, "k", "d"));
        assertEquals(7, p.integer(null, "k", 7));
        assertTrue(p.bool(null, "k", true));
    }

    @Test
    void numbersAndBooleansAreParsedAndABadValueNamesItsProperty() {
        ConfigurationProperties p = new ConfigurationProperties(props("n", "12", "b", "FALSE", "x", "twelve", "y", "yes"));
        assertEquals(12, p.integer(null, "n", 1));
        assertEquals(3, p.integer(3, "n", 1));
        assertFalse(p.bool(null, "b", true));
        assertTrue(p.bool(true, "b", false));
        ReleaseFailure number = assertThrows(ReleaseFailure.class, () -> p.integer(null, "x", 1));
        assertTrue(number.getMessage().contains("x is 'twelve'"), number.getMessage());
        ReleaseFailure bool = assertThrows(ReleaseFailure.class, () -> p.bool(null, "y", false));
        assertTrue(bool.getMessage().contains("y is 'yes': give true or false"), bool.getMessage());
    }

    @Test
    void eachGroupReadsItsPropertiesAndDefaults() {
        ConfigurationProperties none = new ConfigurationProperties(props());
        assertEquals(new AwsConfiguration.Values(null, null, null, 5), AwsConfiguration.resolve(null, none));
        assertEquals(new EcrConfiguration.Values(null, null, true, "IMMUTABLE_WITH_EXCLUSION", null, null, null, false),
                EcrConfiguration.resolve(null, none));
        assertEquals(new ScanConfiguration.Values(null, 0, 600), ScanConfiguration.resolve(null, none));
        assertEquals(new LifecycleConfiguration.Values(30, 7, 30), LifecycleConfiguration.resolve(null, none));
        assertEquals(new PruneConfiguration.Values(10, 7, false), PruneConfiguration.resolve(null, none));

        ConfigurationProperties all = new ConfigurationProperties(props(
                PropertyNames.AWS_PROFILE, "ci", PropertyNames.AWS_ROLE_ARN, "arn:aws:iam::1:role/r",
                PropertyNames.AWS_REGION, "eu-west-1", PropertyNames.AWS_MAX_ATTEMPTS, "2",
                PropertyNames.ECR_ENDPOINT, "http://e", PropertyNames.ECR_REGISTRY_ENDPOINT, "r:5000",
                PropertyNames.ECR_SCAN_ON_PUSH, "false", PropertyNames.ECR_TAG_MUTABILITY, "MUTABLE",
                PropertyNames.ECR_ENCRYPTION, "KMS", PropertyNames.ECR_KMS_KEY, "alias/k",
                PropertyNames.ECR_REPOSITORY_TAGS, "team=p", PropertyNames.ECR_MANAGE_REPOSITORY, "true",
                PropertyNames.SCAN_FAIL_ON, "HIGH", PropertyNames.SCAN_MAX_FINDINGS, "3", PropertyNames.SCAN_TIMEOUT_SECONDS, "9",
                PropertyNames.LIFECYCLE_KEEP_VERSIONS, "4", PropertyNames.LIFECYCLE_DRAFT_DAYS, "2",
                PropertyNames.LIFECYCLE_UNTAGGED_DAYS, "8", PropertyNames.PRUNE_KEEP_VERSIONS, "6",
                PropertyNames.PRUNE_DRAFT_DAYS, "1", PropertyNames.PRUNE_DELETE_FOREIGN_TAGS, "true"));
        assertEquals(new AwsConfiguration.Values("ci", "arn:aws:iam::1:role/r", "eu-west-1", 2), AwsConfiguration.resolve(null, all));
        assertEquals(new EcrConfiguration.Values("http://e", "r:5000", false, "MUTABLE", "KMS", "alias/k", "team=p", true),
                EcrConfiguration.resolve(null, all));
        assertEquals(new ScanConfiguration.Values("HIGH", 3, 9), ScanConfiguration.resolve(null, all));
        assertEquals(new LifecycleConfiguration.Values(4, 2, 8), LifecycleConfiguration.resolve(null, all));
        assertEquals(new PruneConfiguration.Values(6, 1, true), PruneConfiguration.resolve(null, all));
    }

    @Test
    void anElementOfAGroupWinsOverItsProperty() throws Exception {
        ScanConfiguration scan = new ScanConfiguration();
        set(scan, "failOn", "CRITICAL");
        set(scan, "maxFindings", 1);
        ConfigurationProperties p = new ConfigurationProperties(props(PropertyNames.SCAN_FAIL_ON, "LOW",
                PropertyNames.SCAN_MAX_FINDINGS, "5", PropertyNames.SCAN_TIMEOUT_SECONDS, "60"));
        assertEquals(new ScanConfiguration.Values("CRITICAL", 1, 60), ScanConfiguration.resolve(scan, p));
    }

    /** Maven sets a group's fields by name: each property's element must exist under that name. */
    @Test
    void everyPropertyNamesItsGroupsField() throws Exception {
        for (String property : propertyNames()) {
            String[] parts = property.split("\\.");
            Class<?> group = Class.forName(getClass().getPackageName() + "."
                    + Character.toUpperCase(parts[1].charAt(0)) + parts[1].substring(1) + "Configuration");
            group.getDeclaredField(parts[2]); // throws when the element and the property disagree
        }
    }

    /**
     * The manual is generated from plugin.xml: every grouped property is named there (it is in the Javadoc of its
     * group's parameter), so help:describe and the goal pages show it.
     */
    @Test
    void everyGroupedPropertyIsDocumentedInThePluginDescriptor() throws Exception {
        Path descriptor = Path.of("target/classes/META-INF/maven/plugin.xml");
        String xml = Files.readString(descriptor);
        for (String property : propertyNames()) {
            assertTrue(xml.contains("(" + property), property + " is not documented in " + descriptor);
        }
    }

    private static List<String> propertyNames() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field f : PropertyNames.class.getFields()) {
            names.add((String) f.get(null));
        }
        assertEquals(28, names.size());
        return names;
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
