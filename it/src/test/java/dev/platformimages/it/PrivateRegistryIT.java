package dev.platformimages.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publishing to a registry that requires credentials (the distribution registry with htpasswd auth that
 * scripts/env.sh starts): from settings.xml, from ~/.docker/config.json, and a clear error without either.
 */
class PrivateRegistryIT {

    static final String PRIVATE = System.getProperty("it.authRegistry", "127.0.0.1:5001");
    private static final String USER = "platform-it";
    private static final String PASSWORD = "it-registry-pw";

    @TempDir
    Path dir;

    private Path emptyDockerConfig() throws IOException {
        Path config = Files.createDirectories(dir.resolve("empty-docker-config"));
        Files.writeString(config.resolve("config.json"), "{}");
        return config;
    }

    @Test
    void settingsXmlCredentialsThenDockerConfigCredentialsAndNeitherIsAClearError() throws IOException {
        Scenario s = Scenario.start("private");
        String registry = "platform.registry=" + PRIVATE;

        ImageProject.Run without = s.project.mvn(ImageProject.env("DOCKER_CONFIG", emptyDockerConfig().toString()), false,
                (Path) null, "deploy", registry);
        assertFalse(without.succeeded(), without::toString);
        assertTrue(without.log.contains("registry " + PRIVATE + " requires credentials for " + PRIVATE + "/" + s.project.repository
                + ", and none were found (looked for the <server> with id '" + PRIVATE + "' in settings.xml, then the "
                + "credHelpers, credsStore and auths entries for " + PRIVATE + " in "), without::toString);

        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, "<settings><servers><server><id>" + PRIVATE + "</id><username>" + USER
                + "</username><password>" + PASSWORD + "</password></server></servers></settings>");
        ImageProject.Run withSettings = s.project.mvn(ImageProject.env("DOCKER_CONFIG", emptyDockerConfig().toString()),
                false, settings, "deploy", registry);
        assertTrue(withSettings.succeeded(), withSettings::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "latest"),
                LocalRegistry.tags(PRIVATE, s.project.repository, USER, PASSWORD));

        Path dockerConfig = Files.createDirectories(dir.resolve("docker-config"));
        Files.writeString(dockerConfig.resolve("config.json"), "{\"auths\":{\"http://" + PRIVATE + "\":{\"auth\":\""
                + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)) + "\"}}}");
        ImageProject.Run withDockerConfig = s.project.mvn(ImageProject.env("DOCKER_CONFIG", dockerConfig.toString()), false,
                (Path) null, "deploy", registry, "platform.force=true");
        assertTrue(withDockerConfig.succeeded(), withDockerConfig::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "1.35-stable-1.1.0", "latest"),
                LocalRegistry.tags(PRIVATE, s.project.repository, USER, PASSWORD));

        for (ImageProject.Run run : List.of(without, withSettings, withDockerConfig)) {
            assertFalse(run.log.contains(PASSWORD), "the password appears in a build log");
        }
    }
}
