package dev.platformimages.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package inventory and the check for package updates, against a Debian repository the test makes, signs and
 * serves itself: the image installs two packages from it (one pinned), a newer version of both is published, the next
 * check decides PACKAGES_OUTDATED naming them, the release notes (state, Teams card, webhook document) show the upgrade
 * with both versions and the pinned package as not taken, the check after that decides nothing again, and an index
 * that fails verification is an error naming the source, never a rebuild.
 */
class PackagesIT {

    /** The Debian stand-in scripts/stand-ins.sh publishes (a debootstrap rootfs). */
    private static final String DEBIAN = ImageProject.REGISTRY + "/mirror/docker-hub/library/debian:bookworm-slim";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireMockServer receiver;

    @TempDir
    Path work;

    @BeforeEach
    void start() {
        receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
        receiver.stubFor(post(urlPathEqualTo("/teams")).willReturn(aResponse().withStatus(202)));
        receiver.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        receiver.stop();
    }

    /** An upstream stand-in whose only apt source is {@code repository}, trusted through its own keyring. */
    private static String upstream(AptRepository repository, Path work) throws IOException {
        Path context = Files.createDirectories(work.resolve("upstream"));
        Files.write(context.resolve("platform-test.gpg"), repository.keyring());
        Files.writeString(context.resolve("platform-test.sources"), "Types: deb\nURIs: " + repository.url() + "\nSuites: "
                + AptRepository.SUITE + "\nComponents: main\nSigned-By: /usr/share/keyrings/platform-test.gpg\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + DEBIAN + "\n"
                + "RUN rm -f /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list\n"
                + "COPY platform-test.gpg /usr/share/keyrings/platform-test.gpg\n"
                + "COPY platform-test.sources /etc/apt/sources.list.d/platform-test.sources\n");
        String reference = ImageProject.REGISTRY + "/it-upstream/debian-packages-" + UUID.randomUUID().toString().substring(0, 8) + ":12";
        DockerCli.run("build", "-q", "-t", reference, context.toString());
        DockerCli.run("push", "-q", reference);
        return reference;
    }

    private Map<String, String> env() {
        String base = "http://127.0.0.1:" + receiver.port();
        return ImageProject.env("IT_TEAMS_WEBHOOK_URL", base + "/teams", "IT_HOOK_URL", base + "/hook");
    }

    private JsonNode lastBody(String path) throws IOException {
        List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertFalse(requests.isEmpty(), "nothing was sent to " + path);
        return JSON.readTree(requests.get(requests.size() - 1).getBodyAsString());
    }

    @Test
    void aPackageUpdateInTheImagesOwnSourcesIsReleasedWithItsNotesAndNotAskedForAgain() throws IOException {
        try (AptRepository repository = AptRepository.create(work.resolve("repo"))) {
            repository.add("platform-hello", "1.0-1");
            repository.add("platform-held", "1.0-1");
            repository.publish();
            String upstream = upstream(repository, work);
            ImageProject project = ImageProject.copy("debian-packages", "packages", upstream, "<notifications>"
                    + "<notification><type>teams</type><urlEnv>IT_TEAMS_WEBHOOK_URL</urlEnv></notification>"
                    + "<notification><type>webhook</type><urlEnv>IT_HOOK_URL</urlEnv></notification></notifications>");

            ImageProject.Run first = project.mvn(env(), "deploy");
            assertTrue(first.succeeded(), first::toString);
            String v1 = LocalRegistry.digest(project.repository, "12-1.0.0").orElseThrow();
            assertEquals(List.of("sha256-" + v1.substring(7)), LocalRegistry.referrerLists(project.repository),
                    "the inventory is kept with the release, listed under the tag schema (distribution 2.8 has no referrers API)");
            JsonNode inventory = LocalRegistry.referrerDocument(project.repository, v1, "application/vnd.platformimages.inventory.v1+json");
            JsonNode amd64 = inventory.path("platforms").path("linux/amd64");
            assertEquals("dpkg", amd64.path("manager").asText());
            assertTrue(amd64.path("packages").toString().contains("{\"name\":\"platform-hello\",\"version\":\"1.0-1\""), amd64::toString);
            assertTrue(amd64.path("packages").size() > 50, "every package of the Debian base is listed");
            assertEquals(repository.url() + "/", amd64.path("sources").path("apt").get(0).path("uri").asText());

            ImageProject.Run upToDate = project.mvn(env(), "validate");
            assertTrue(upToDate.succeeded(), upToDate::toString);
            assertEquals("UP_TO_DATE", project.decision(), "nothing newer in the sources yet");

            repository.add("platform-hello", "1.0-2");
            repository.add("platform-held", "1.0-2");
            repository.publish();
            ImageProject.Run outdated = project.mvn(env(), "deploy");
            assertTrue(outdated.succeeded(), outdated::toString);
            JsonNode state = project.state();
            assertEquals("PACKAGES_OUTDATED", state.path("reason").asText());
            assertTrue(state.path("explanation").asText().contains("platform-hello 1.0-1 -> 1.0-2")
                    && state.path("explanation").asText().contains("platform-held 1.0-1 -> 1.0-2"), state::toString);
            assertEquals("12-1.0.1", state.path("versionTag").asText(), "a patch release");
            assertTrue(LocalRegistry.tags(project.repository).contains("12-1.0.1"));

            JsonNode hook = lastBody("/hook");
            JsonNode upgraded = hook.path("packages").path("platforms").get(0).path("upgraded");
            assertEquals("[{\"name\":\"platform-hello\",\"before\":\"1.0-1\",\"after\":\"1.0-2\",\"source\":\"platform-hello\"}]",
                    upgraded.toString(), hook::toString);
            assertEquals("[\"platform-held 1.0-1 -> 1.0-2\"]", hook.path("packages").path("notTaken").toString(), hook::toString);
            String card = lastBody("/teams").toString();
            assertTrue(card.contains("upgraded platform-hello 1.0-1 -> 1.0-2"), card);

            // The changes goal compares two published versions from the registry alone.
            ImageProject.Run changes = project.mvn(Map.of(), "platform-image:changes", "platform.from=1.0.0", "platform.to=1.0.1");
            assertTrue(changes.succeeded(), changes::toString);
            JsonNode compared = JSON.readTree(project.file("target/platform-image/changes.json").toFile());
            assertEquals("12-1.0.0", compared.path("from").asText());
            assertEquals(upgraded, compared.path("packages").path("platforms").get(0).path("upgraded"), compared::toString);
            assertTrue(Files.readString(project.file("target/platform-image/changes.md"))
                    .contains("- upgraded platform-hello 1.0-1 -> 1.0-2"), changes::toString);
            ImageProject.Run unknownVersion = project.mvn(Map.of(), "platform-image:changes", "platform.from=0.9.0");
            assertFalse(unknownVersion.succeeded());
            assertTrue(unknownVersion.log.contains("platform.from=0.9.0: " + ImageProject.REGISTRY + "/" + project.repository
                    + " has no version 12-0.9.0. Published: 12-1.0.0, 12-1.0.1"), unknownVersion::toString);

            ImageProject.Run again = project.mvn(env(), "validate");
            assertTrue(again.succeeded(), again::toString);
            assertEquals("UP_TO_DATE", project.decision(), "the pinned package's update was not taken: not asked for again\n" + again);

            // status says it too, in its JSON and in the GitHub job summary.
            Path summary = work.resolve("summary.md");
            ImageProject.Run status = project.mvn(ImageProject.env("GITHUB_STEP_SUMMARY", summary.toString()), "platform-image:status");
            assertTrue(status.succeeded(), status::toString);
            JsonNode row = JSON.readTree(project.file("target/platform-image-status.json").toFile()).path("images").get(0);
            assertEquals("UP_TO_DATE", row.path("decision").asText(), row::toString);
            assertTrue(row.path("packages").asText().endsWith("dpkg packages (linux/amd64); does not take platform-held 1.0-1 -> 1.0-2"),
                    row::toString);
            assertTrue(Files.readString(summary).contains("does not take platform-held 1.0-1 -> 1.0-2"), Files.readString(summary));

            // A Packages index that is not the one the signed Release lists: an error naming the source, no release.
            repository.add("platform-hello", "1.0-3");
            repository.publish();
            Path packages = repository.file("main/binary-amd64/Packages.gz");
            Files.write(packages, java.util.Arrays.copyOf(Files.readAllBytes(packages), 40));
            ImageProject.Run tampered = project.mvn(env(), "validate");
            assertFalse(tampered.succeeded(), tampered::toString);
            assertTrue(tampered.log.contains("apt source " + repository.url() + "/ " + AptRepository.SUITE + "/main"), tampered::toString);
            assertTrue(tampered.log.contains("failed verification: its SHA-256 is"), tampered::toString);

            // An InRelease signed by a key the image does not trust.
            repository.publish();
            repository.signWithAnotherKey();
            ImageProject.Run unknownKey = project.mvn(env(), "validate");
            assertFalse(unknownKey.succeeded(), unknownKey::toString);
            assertTrue(unknownKey.log.contains("which is in none of /usr/share/keyrings/platform-test.gpg"), unknownKey::toString);

            // No InRelease at all.
            Files.delete(repository.file("InRelease"));
            ImageProject.Run missing = project.mvn(env(), "validate");
            assertFalse(missing.succeeded(), missing::toString);
            assertTrue(missing.log.contains("InRelease does not exist (404)"), missing::toString);
            assertEquals(List.of("12", "12-1.0.0", "12-1.0.1", "latest"), LocalRegistry.tags(project.repository),
                    "nothing was released because of a source that failed");
        }
    }
}
