package dev.platformimages.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample fleet of platform-images/ as it is in the repository (a copy, as a team copies it out), deployed as one reactor through the stand-ins
 * (scripts/stand-ins.sh, activated by -DstandIns like -Pstand-ins): every image is built, passes its gates and is
 * published under its first version with the real upstream's name in its labels; the next run publishes nothing.
 * Each run publishes under a namespace of its own (platform.namespace), so the demo's images are not touched.
 */
class SampleFleetIT {

    private static final Path FLEET = Path.of(System.getProperty("it.root", "..")).resolve("platform-images");

    private record Image(String folder, String tag, String upstream) {
    }

    private static final List<Image> IMAGES = List.of(
            new Image("busybox", "1.35-stable", "docker.io/library/busybox:stable"),
            new Image("busybox-web", "1.35-web", "docker.io/library/busybox:stable"),
            new Image("dotnet-runtime-deps", "8.0-bookworm-slim", "mcr.microsoft.com/dotnet/runtime-deps:8.0-bookworm-slim"),
            new Image("dotnet-runtime", "8.0-bookworm-slim", "mcr.microsoft.com/dotnet/runtime:8.0-bookworm-slim"),
            new Image("dotnet-aspnet", "8.0-bookworm-slim", "mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim"),
            new Image("dotnet-sdk", "8.0-bookworm-slim", "mcr.microsoft.com/dotnet/sdk:8.0-bookworm-slim"),
            new Image("node-20", "20-bookworm-slim", "docker.io/library/node:20-bookworm-slim"),
            new Image("node-22", "22-bookworm-slim", "docker.io/library/node:22-bookworm-slim"),
            new Image("python-3.12", "3.12-slim-bookworm", "docker.io/library/python:3.12-slim-bookworm"),
            new Image("java-21", "21-jre", "docker.io/library/eclipse-temurin:21-jre"));

    @Test
    void theFleetDeploysThroughTheStandInsAndTheNextRunPublishesNothing() {
        String namespace = "it-fleet-" + UUID.randomUUID().toString().substring(0, 8);
        // Ten images built, gated and published in one run: 6.6 minutes alone on Docker 26, over 10 beside the other lanes.
        ImageProject fleet = ImageProject.copyOf(FLEET, namespace).withTimeout(Duration.ofMinutes(30));
        String[] properties = {"standIns=true", "platform.namespace=" + namespace, "platform.registry=" + ImageProject.REGISTRY};

        ImageProject.Run first = fleet.mvn("deploy", properties);

        assertTrue(first.succeeded(), first::toString);
        assertEquals(IMAGES.size(), count(first.log, "FIRST_VERSION: "), first::toString);
        for (Image image : IMAGES) {
            String repository = namespace + "/" + image.folder();
            assertEquals(List.of(image.tag(), image.tag() + "-1.0.0", "latest"), LocalRegistry.tags(repository), repository);
            assertEquals(List.of(), LocalRegistry.tags(repository + "-drafts"), "no draft left in " + repository);
            Map<String, String> labels = LocalRegistry.labels(repository, image.tag() + "-1.0.0");
            assertEquals(image.upstream(), labels.get("org.opencontainers.image.base.name"),
                    "the label names the upstream, not the stand-in it was read from: " + labels);
        }
        // Every image passed the shared self-tests on its draft; the test apps ran where there is one to run.
        List<String> passed = new java.util.ArrayList<>();
        for (Image image : IMAGES) {
            List<String> checks = new java.util.ArrayList<>();
            fleet.module(image.folder(), namespace + "/" + image.folder()).state().path("checks")
                    .forEach(check -> checks.add(check.path("name").asText()));
            assertTrue(checks.contains("self-test: runs as app, uid 1000"), image.folder() + " passed " + checks);
            passed.addAll(checks);
        }
        for (String app : List.of("my-service", "my-service-multistage", "node", "python", "java")) {
            assertTrue(passed.stream().anyMatch(check -> check.startsWith("integration test " + app + ": ")), app + " in " + passed);
        }
        assertTrue(first.log.contains("Test app base docker.io/library/eclipse-temurin:21-jdk from mirror"), "the JDK stage through the mirror");
        assertTrue(first.log.contains("test apps not run: aspnet"), "the ASP.NET app needs the real SDK");
        // The images that serve nothing name no test app: the parent's shared one does not exist for them.
        assertEquals(3, count(first.log, "(?m)platform.skipTestApps=true: the self-tests are the gates$"), first::toString);
        assertTrue(first.log.contains("/tmp/credprovider.tar.gz: OK"), "the credential provider download is verified");
        assertTrue(first.log.contains("Microsoft.NETCore.App 8."), first::toString);

        // The image folders as the reactor lists them.
        ImageProject.Run modules = fleet.mvn("help:evaluate", "expression=project.modules", "forceStdout=true");
        assertEquals(IMAGES.stream().map(Image::folder).sorted().toList(),
                Pattern.compile("<string>([^<]+)</string>").matcher(modules.log).results().map(m -> m.group(1)).sorted().toList(),
                modules::toString);

        // The next run by Maven 4 where the test command gives one (-Dit.maven4Home): the copied fleet needs no parent.
        String maven4 = System.getProperty("it.maven4Home", "");
        ImageProject.Run second = (maven4.isBlank() ? fleet : fleet.withMaven(Path.of(maven4))).mvn("deploy", properties);

        assertTrue(second.succeeded(), second::toString);
        assertEquals(IMAGES.size(), count(second.log, "UP_TO_DATE: "), second::toString);
        assertFalse(second.log.contains("Published "), second::toString);
        // One check reads the registries of every image ahead, concurrently; no check then has to ask itself.
        assertTrue(second.log.contains("Reading registries ahead for the checks of " + IMAGES.size() + " images on 4 threads"),
                second::toString);
        for (Image image : IMAGES) {
            com.fasterxml.jackson.databind.JsonNode state = fleet.module(image.folder(), namespace + "/" + image.folder()).state();
            assertEquals(0, state.path("checkRequests").size(), image.folder() + " asked nothing itself: " + state);
            assertTrue(state.path("checkRequestsAhead").asInt() > 0, image.folder() + " was read ahead: " + state);
        }
        for (Image image : IMAGES) {
            assertEquals(List.of(image.tag(), image.tag() + "-1.0.0", "latest"), LocalRegistry.tags(namespace + "/" + image.folder()));
        }
    }

    /**
     * One image of the fleet released from its own folder, as a team runs it; -Dit.fleetImage names it. The test
     * command runs it on Docker 20.10 with node-20; the whole fleet above runs on Docker 26 (containerd image store).
     */
    @Test
    @EnabledIfSystemProperty(named = "it.fleetImage", matches = ".+")
    void oneImageOfTheFleetIsReleasedFromItsOwnFolder() {
        String folder = System.getProperty("it.fleetImage");
        Image image = IMAGES.stream().filter(i -> i.folder().equals(folder)).findFirst()
                .orElseThrow(() -> new AssertionError("it.fleetImage=" + folder + " is no folder of the sample fleet"));
        String namespace = "it-fleet-one-" + UUID.randomUUID().toString().substring(0, 8);
        ImageProject project = ImageProject.copyOf(FLEET, namespace).module(folder, namespace + "/" + folder);
        String[] properties = {"standIns=true", "platform.namespace=" + namespace, "platform.registry=" + ImageProject.REGISTRY};
        String repository = namespace + "/" + folder;

        ImageProject.Run first = project.mvn("deploy", properties);

        assertTrue(first.succeeded(), first::toString);
        assertEquals(1, count(first.log, "FIRST_VERSION: "), first::toString);
        assertEquals(List.of(image.tag(), image.tag() + "-1.0.0", "latest"), LocalRegistry.tags(repository));
        assertEquals(List.of(), LocalRegistry.tags(repository + "-drafts"), "no draft left in " + repository);
        assertEquals(image.upstream(), LocalRegistry.labels(repository, image.tag() + "-1.0.0").get("org.opencontainers.image.base.name"));
        List<String> checks = new java.util.ArrayList<>();
        project.state().path("checks").forEach(check -> checks.add(check.path("name").asText()));
        assertEquals(4, checks.size(), "3 self-tests and the node test app passed on the draft: " + checks);
        assertEquals(3, checks.stream().filter(check -> check.startsWith("self-test: ")).count(), checks::toString);

        ImageProject.Run second = project.mvn("deploy", properties);

        assertTrue(second.succeeded(), second::toString);
        assertEquals(1, count(second.log, "UP_TO_DATE: "), second::toString);
        assertEquals(List.of(image.tag(), image.tag() + "-1.0.0", "latest"), LocalRegistry.tags(repository));
    }

    private static int count(String log, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(log);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
