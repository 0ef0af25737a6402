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

        ImageProject.Run without = s.project.mvn(ImageProject.env("DOCKER_CONFIG", emptyDockerConfig().toString()), true,
                (Path) null, "deploy", registry);
        assertFalse(without.succeeded(), without::toString);
        assertTrue(without.log.contains("registry " + PRIVATE + " requires credentials for " + PRIVATE + "/" + s.project.repository
                + ", and none were found (looked for the <server> with id '" + PRIVATE + "' in settings.xml, then the "
                + "credHelpers, credsStore and auths entries for " + PRIVATE + " in "), without::toString);

        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, "<settings><servers><server><id>" + PRIVATE + "</id><username>" + USER
                + "</username><password>" + PASSWORD + "</password></server></servers></settings>");
        ImageProject.Run withSettings = s.project.mvn(ImageProject.env("DOCKER_CONFIG", emptyDockerConfig().toString()),
                true, settings, "deploy", registry);
        assertTrue(withSettings.succeeded(), withSettings::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "latest"),
                LocalRegistry.tags(PRIVATE, s.project.repository, USER, PASSWORD));

        Path dockerConfig = Files.createDirectories(dir.resolve("docker-config"));
        Files.writeString(dockerConfig.resolve("config.json"), "{\"auths\":{\"http://" + PRIVATE + "\":{\"auth\":\""
                + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)) + "\"}}}");
        ImageProject.Run withDockerConfig = s.project.mvn(ImageProject.env("DOCKER_CONFIG", dockerConfig.toString()), true,
                (Path) null, "deploy", registry, "platform.force=true");
        assertTrue(withDockerConfig.succeeded(), withDockerConfig::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "1.35-stable-1.1.0", "latest"),
                LocalRegistry.tags(PRIVATE, s.project.repository, USER, PASSWORD));

        // With -X: Maven's debug output, docker-java's and its HTTP transport's included.
        for (ImageProject.Run run : List.of(without, withSettings, withDockerConfig)) {
            assertEquals(List.of(), SecretScan.find(run.log, PASSWORD), "the password appears in a build log");
        }
        assertEquals(List.of(), SecretScan.findInFiles(s.project.dir.resolve("target"), PASSWORD), "the password is in a file");
    }

    /**
     * With -X -e: a Maven-encrypted password from settings.xml (decrypted by the plugin) never reaches a log in any
     * encoding, and neither does a wrong password that the registry refuses.
     */
    @Test
    void anEncryptedPasswordAndARefusedOneStayOutOfDebugLogs() throws IOException {
        Scenario s = Scenario.start("private-encrypted");
        String registry = "platform.registry=" + PRIVATE;
        // The master password 'master-it-pw' and the registry password, as mvn --encrypt-master-password and
        // mvn --encrypt-password wrote them.
        Path security = dir.resolve("settings-security.xml");
        Files.writeString(security, "<settingsSecurity><master>{UtgE8iGiV8UHCIuoIoPa6Mm9lSED3R5S8adxeTGLOyk=}</master>"
                + "</settingsSecurity>");
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, "<settings><servers><server><id>" + PRIVATE + "</id><username>" + USER
                + "</username><password>{ed+gEpol0/oHCTSn0yVnUmVN9EtVCfIk6NHuruyixIw=}</password></server></servers></settings>");
        ImageProject.Run encrypted = s.project.mvn(ImageProject.env("DOCKER_CONFIG", emptyDockerConfig().toString()), true,
                settings, "deploy", registry, "settings.security=" + security);
        assertTrue(encrypted.succeeded(), encrypted::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "latest"),
                LocalRegistry.tags(PRIVATE, s.project.repository, USER, PASSWORD));
        assertEquals(List.of(), SecretScan.find(encrypted.log, PASSWORD), "the decrypted password appears in the log");

        String wrong = "wrong-registry-pw-1234";
        Path wrongSettings = dir.resolve("wrong-settings.xml");
        Files.writeString(wrongSettings, "<settings><servers><server><id>" + PRIVATE + "</id><username>" + USER
                + "</username><password>" + wrong + "</password></server></servers></settings>");
        ImageProject.Run refused = s.project.mvn(ImageProject.env("DOCKER_CONFIG", emptyDockerConfig().toString()), true,
                wrongSettings, "deploy", registry, "platform.force=true");
        assertFalse(refused.succeeded(), refused::toString);
        assertTrue(refused.log.contains("refused the credentials"), refused::toString);
        assertEquals(List.of(), SecretScan.find(refused.log, wrong), "the refused password appears in the log");
        assertEquals(List.of(), SecretScan.findInFiles(s.project.dir.resolve("target"), wrong));
        assertEquals(List.of(), SecretScan.findInFiles(s.project.dir.resolve("target"), PASSWORD));
    }
}
