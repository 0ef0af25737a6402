package dev.platformimages.it;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * After every IT: no container and no test image of the plugin's gates is left (docker ps -a and docker images
 * filtered by the plugin's label), whatever the test did; then the images the test made are untagged. Registered for every test through
 * META-INF/services and junit-platform.properties.
 */
public class NoLeftoversExtension implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> left = DockerCli.leftovers();
        DockerCli.removeTestImages(); // after the check, which must see what the plugin left
        if (!left.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " left containers or test images behind: " + left);
        }
    }
}
