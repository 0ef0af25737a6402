package dev.platformimages.engine;

import com.github.dockerjava.api.model.AuthConfig;
import dev.platformimages.registry.RegistryCredentials;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The credentials handed to the engine name the registry they are for, never Docker Hub by default. */
class DockerJavaEngineAuthTest {

    @Test
    void theServerAddressIsTheTargetRegistry() {
        AuthConfig auth = DockerJavaEngine.auth(new RegistryCredentials("u", "p"), "127.0.0.1:5001/it/busybox-drafts");
        assertEquals("127.0.0.1:5001", auth.getRegistryAddress());
        assertEquals("123456789012.dkr.ecr.eu-west-1.amazonaws.com", DockerJavaEngine.auth(new RegistryCredentials("AWS", "t"),
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform/node").getRegistryAddress());
        assertFalse(auth.toString().contains("p,") || auth.toString().contains("password=p"), auth::toString);
    }

    @Test
    void podmansAnswerForAPlainHttpRegistrySaysWhatToDo() {
        String message = DockerJavaEngine.withHint("pull of 127.0.0.1:5000/upstream/busybox@sha256:ab failed: initializing "
                + "source docker://127.0.0.1:5000/upstream/busybox@sha256:ab: pinging container registry 127.0.0.1:5000: "
                + "Get \"https://127.0.0.1:5000/v2/\": http: server gave HTTP response to HTTPS client");
        org.junit.jupiter.api.Assertions.assertTrue(message.endsWith("Add [[registry]] location=\"HOST:PORT\" insecure=true "
                + "there for the target and mirror registries (Docker: list them in insecure-registries of daemon.json)"), message);
        assertEquals("other", DockerJavaEngine.withHint("other"));
    }

    @Test
    void theEngineSaysWhichImageStoreItUses() {
        assertEquals("Docker 26.1.5 (API 1.45), image store: containerd (snapshotter overlayfs)", DockerJavaEngine.describe(
                "26.1.5", "1.45", "overlayfs", java.util.List.of(java.util.List.of("driver-type", "io.containerd.snapshotter.v1"))));
        assertEquals("Docker 20.10.24+dfsg1 (API 1.41), image store: classic (storage driver overlay2)", DockerJavaEngine.describe(
                "20.10.24+dfsg1", "1.41", "overlay2", java.util.List.of(java.util.List.of("Backing Filesystem", "extfs"))));
    }
}
