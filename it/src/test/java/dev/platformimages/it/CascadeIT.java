package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In one reactor run, an image built FROM another image of the reactor is built after it and sees its new version. */
class CascadeIT {

    @Test
    void aBaseChangeCascadesToTheImageBuiltFromItInTheSameRun() {
        String upstreamRepository = "it-upstream/cascade-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String upstream = ImageProject.REGISTRY + "/" + upstreamRepository + ":stable";
        DockerCli.publishUpstream(upstream);
        ImageProject reactor = ImageProject.copy("cascade", "cascade", upstream, "");
        String base = reactor.repository + "/base";
        String derived = reactor.repository + "/derived";

        ImageProject.Run first = reactor.mvn("deploy");
        assertTrue(first.succeeded(), first::toString);
        assertTrue(first.log.contains("platform-image: derived builds FROM " + ImageProject.REGISTRY + "/" + base
                + " (base): it is built after it"), first::toString);
        int baseBuilt = first.log.indexOf("Building " + ImageProject.REGISTRY + "/" + base + ":");
        int derivedBuilt = first.log.indexOf("Building " + ImageProject.REGISTRY + "/" + derived + ":");
        assertTrue(baseBuilt >= 0 && baseBuilt < derivedBuilt, "base is built first\n" + first);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "latest"), LocalRegistry.tags(base));
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "latest"), LocalRegistry.tags(derived));

        DockerCli.publishUpstream(upstream); // the vendor republishes: only base uses it directly
        ImageProject.Run cascade = reactor.mvn("deploy");

        assertTrue(cascade.succeeded(), cascade::toString);
        // The reactor reads ahead, but not the base that is one of its own images: derived must see it published.
        assertTrue(cascade.log.contains("Reading registries ahead for the checks of 2 images on 2 threads (platform.checkThreads): "
                + "1 upstream base(s) from outside this reactor"), cascade::toString);
        assertTrue(cascade.log.contains("BASE_CHANGED: base " + upstream), cascade::toString);
        assertTrue(cascade.log.contains("BASE_CHANGED: base " + ImageProject.REGISTRY + "/" + base + ":1.35-stable changed"),
                "derived sees base's new version in the same run\n" + cascade);
        assertEquals(LocalRegistry.digest(base, "1.35-stable-1.0.1"), LocalRegistry.digest(base, "latest"));
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "1.35-stable-1.0.1", "latest"), LocalRegistry.tags(derived));
    }
}
