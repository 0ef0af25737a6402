package dev.platformimages.it;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One scenario's world: its own upstream image in the test registry and its own copy of the thin image POM. */
final class Scenario {

    static final String TAG = "1.35-stable";

    final String upstreamRepository;
    final String upstream;
    final ImageProject project;

    private Scenario(String name, String template, String configuration) {
        upstreamRepository = "it-upstream/" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        upstream = ImageProject.REGISTRY + "/" + upstreamRepository + ":stable";
        DockerCli.publishUpstream(upstream);
        project = ImageProject.copy(template, name, upstream, configuration);
    }

    static Scenario start(String name) {
        return new Scenario(name, "busybox-image", "");
    }

    /** A scenario whose image POM has more plugin configuration, e.g. {@code <notifications>} or {@code <integrationTests>}. */
    static Scenario withConfiguration(String name, String configuration) {
        return new Scenario(name, "busybox-image", configuration);
    }

    /** A scenario from another project template of src/test/projects, with more plugin configuration (may be empty). */
    static Scenario fromTemplate(String name, String template, String configuration) {
        return new Scenario(name, template, configuration);
    }

    /** A new upstream image under the same tag: what a vendor's rebuild looks like. */
    String republishUpstream() {
        DockerCli.publishUpstream(upstream);
        return upstreamDigest();
    }

    String upstreamDigest() {
        return LocalRegistry.digest(upstreamRepository, "stable").orElseThrow();
    }

    List<String> tags() {
        return LocalRegistry.tags(project.repository);
    }

    /** Tags of the draft repository: empty once every draft was promoted or failed. */
    List<String> draftTags() {
        return LocalRegistry.tags(project.repository + "-drafts");
    }

    String digest(String tag) {
        return LocalRegistry.digest(project.repository, tag).orElseThrow(() -> new AssertionError("no tag " + tag));
    }

    /** Publishes 1.0.0 and checks it worked. */
    ImageProject.Run publishFirstVersion() {
        ImageProject.Run run = project.mvn("deploy");
        assertTrue(run.succeeded(), run::toString);
        assertEquals(List.of(TAG, TAG + "-1.0.0", "latest"), tags());
        assertEquals(List.of(), draftTags(), "the promoted draft is deleted");
        return run;
    }

    /** latest and the tag point at {@code version}. */
    void assertFloatingTagsOn(String version) {
        String digest = digest(TAG + "-" + version);
        assertEquals(digest, digest("latest"), "latest is on " + version);
        assertEquals(digest, digest(TAG), TAG + " is on " + version);
    }

    void assertNoLeftovers() {
        assertEquals(List.of(), DockerCli.leftovers(), "containers or test images left behind");
    }
}
