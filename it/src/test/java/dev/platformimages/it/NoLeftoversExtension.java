package dev.platformimages.it;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * After every IT: no container and no test image of the plugin's gates is left (docker ps -a and docker images
 * filtered by the plugin's label), whatever the test did. Registered for every test through
 * META-INF/services and junit-platform.properties.
 */
public class NoLeftoversExtension implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> left = DockerCli.leftovers();
        if (!left.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " left containers or test images behind: " + left);
        }
    }
}
