package dev.platformimages.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerConfigCredentialsTest {

    @TempDir
    Path dir;

    private final List<String> helperCalls = new ArrayList<>();

    private DockerConfigCredentials config(String json, Map<String, String> helperAnswers) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return new DockerConfigCredentials(file, (helper, server) -> {
            helperCalls.add(helper + " " + server);
            return Optional.ofNullable(helperAnswers.get(helper + " " + server));
        });
    }

    private static String auth(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void authsEntriesWrittenAsHostsOrUrls() throws IOException {
        DockerConfigCredentials config = config("{\"auths\":{\"https://ghcr.io\":{\"auth\":\"" + auth("bot", "tok:en") + "\"},"
                + "\"registry.example.com:5000\":{\"username\":\"u\",\"password\":\"p\"}}}", Map.of());
        assertEquals(Optional.of(new RegistryCredentials("bot", "tok:en")), config.find("ghcr.io"));
        assertEquals(Optional.of(new RegistryCredentials("u", "p")), config.find("registry.example.com:5000"));
        assertEquals(Optional.empty(), config.find("quay.io"));
    }

    @Test
    void aHostsCredentialHelperComesFirstAndDockerHubIsAskedForByItsIndexUrl() throws IOException {
        DockerConfigCredentials config = config("{\"credHelpers\":{\"123456789012.dkr.ecr.eu-west-1.amazonaws.com\":\"ecr-login\","
                        + "\"docker.io\":\"desktop\"},\"auths\":{\"123456789012.dkr.ecr.eu-west-1.amazonaws.com\":{\"auth\":\""
                        + auth("old", "stale") + "\"}}}",
                Map.of("ecr-login 123456789012.dkr.ecr.eu-west-1.amazonaws.com", "{\"Username\":\"AWS\",\"Secret\":\"ecr-token\"}",
                        "desktop https://index.docker.io/v1/", "{\"Username\":\"me\",\"Secret\":\"hub-token\"}"));
        assertEquals(Optional.of(new RegistryCredentials("AWS", "ecr-token")),
                config.find("123456789012.dkr.ecr.eu-west-1.amazonaws.com"));
        assertEquals(Optional.of(new RegistryCredentials("me", "hub-token")), config.find("docker.io"));
    }

    @Test
    void aCredsStoreWithoutAnEntryFallsBackToAuths() throws IOException {
        DockerConfigCredentials config = config("{\"credsStore\":\"pass\",\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\""
                + auth("hubuser", "hubpass") + "\"}}}", Map.of());
        assertEquals(Optional.of(new RegistryCredentials("hubuser", "hubpass")), config.find("docker.io"));
        assertEquals(List.of("pass https://index.docker.io/v1/"), helperCalls);
    }

    @Test
    void noConfigFileMeansNoCredentialsAndABrokenOneIsNamedWithoutItsContent() throws IOException {
        assertEquals(Optional.empty(), new DockerConfigCredentials(dir.resolve("none.json"), (h, s) -> Optional.empty())
                .find("ghcr.io"));
        DockerConfigCredentials broken = config("{\"auths\": {\"ghcr.io\": {\"auth\": \"c2VjcmV0LXRva2VuLW5vLWNvbG9u\"}}}", Map.of());
        String message = assertThrows(RegistryException.class, () -> broken.find("ghcr.io")).getMessage();
        assertTrue(message.contains("is not user:password"), message);
        assertFalse(message.contains("secret-token"), message);
    }

    @Test
    void aRealHelperOnThePathIsRunWithTheServerOnStdin() throws IOException {
        Path helper = dir.resolve("docker-credential-fake");
        Files.writeString(helper, "#!/bin/sh\nread server\nif [ \"$server\" = ghcr.io ]; then\n"
                + "  printf '{\"ServerURL\":\"%s\",\"Username\":\"ci\",\"Secret\":\"s3cr3t\"}' \"$server\"\nelse\n"
                + "  echo 'credentials not found in native keychain'; exit 1\nfi\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        DockerConfigCredentials.ProcessHelperRunner runner = new DockerConfigCredentials.ProcessHelperRunner("/nonexistent:" + dir);
        assertEquals(Optional.of("{\"ServerURL\":\"ghcr.io\",\"Username\":\"ci\",\"Secret\":\"s3cr3t\"}"), runner.get("fake", "ghcr.io"));
        assertEquals(Optional.empty(), runner.get("fake", "quay.io"));
        assertTrue(assertThrows(RegistryException.class, () -> runner.get("missing", "ghcr.io")).getMessage()
                .contains("docker-credential-missing (named in the Docker config) is not on the PATH"));
    }

    @Test
    void hostsMatchWhateverWayTheConfigWritesThem() {
        assertTrue(DockerConfigCredentials.sameHost("https://ghcr.io/v2/", "ghcr.io"));
        assertTrue(DockerConfigCredentials.sameHost("index.docker.io", "docker.io"));
        assertFalse(DockerConfigCredentials.sameHost("ghcr.io.evil.example", "ghcr.io"));
    }
}
