package dev.platformimages.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plan goal over a reactor of 21 images on the local registry: img-01..img-03 FROM upstream A, img-04..img-20
 * FROM upstream B's 1.0 (while its 2.0 exists: a newer track, reported), derived FROM img-01. Upstream A moves and
 * img-10's Dockerfile changes: the plan lists exactly those four in wave 1 and derived in wave 2 (with a minimum base
 * age of a day, A's change is pending and only img-10 is due); after a deploy of the reactor nothing is due.
 */
class PlanIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IMAGES = 20;

    private static String module(int i) {
        return String.format("img-%02d", i);
    }

    @Test
    void thePlanListsExactlyTheDueImagesInWavesAndNothingAfterTheyAreDeployed() throws IOException {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String upstreamA = ImageProject.REGISTRY + "/it-upstream/plan-a-" + id + ":stable";
        String upstreamB = ImageProject.REGISTRY + "/it-upstream/plan-b-" + id + ":1.0";
        DockerCli.publishUpstream(upstreamA);
        DockerCli.publishUpstream(upstreamB);
        DockerCli.publishUpstream(upstreamB.replace(":1.0", ":2.0")); // a newer track of B, which the plan reports
        String repository = "it/plan-" + id;
        ImageProject reactor = ImageProject.copyOf(fleet(repository, upstreamA, upstreamB), repository);

        // Published as a fleet would be: one image of each kind built for real, the others copies of it.
        for (String seed : List.of("img-01", "img-04")) {
            ImageProject.Run run = reactor.module(seed, repository + "/" + seed).mvn("deploy");
            assertTrue(run.succeeded(), run::toString);
        }
        for (int i = 2; i <= IMAGES; i++) {
            String seed = i <= 3 ? "img-01" : "img-04";
            if (!module(i).equals(seed)) {
                LocalRegistry.copyImage(repository + "/" + seed, "1.35-stable-1.0.0", repository + "/" + module(i),
                        "1.35-stable-1.0.0", "1.35-stable", "latest");
            }
        }
        ImageProject.Run derived = reactor.module("derived", repository + "/derived").mvn("deploy");
        assertTrue(derived.succeeded(), derived::toString);

        ImageProject.Run quiet = reactor.mvn("platform-image:plan");
        assertTrue(quiet.succeeded(), quiet::toString);
        JsonNode plan = plan(reactor);
        assertEquals(0, plan.path("due").asInt(), plan::toString);
        assertEquals(21, plan.path("upToDate").asInt(), plan::toString);
        assertEquals(0, plan.path("waves").size());
        JsonNode tracks = plan.path("tracks");
        assertEquals(17, tracks.size(), "img-04..img-20 follow B's 1.0 while 2.0 exists: " + tracks);
        assertEquals(List.of(upstreamB.replace(":1.0", ":2.0") + " is a newer track than the 1.0 followed"),
                List.of(tracks.get(0).path("findings").get(0).asText()));
        assertTrue(quiet.log.contains("Tracks (reported, not acted on):"), quiet::toString);

        DockerCli.publishUpstream(upstreamA); // the vendor republishes A
        reactor.edit("img-10/Dockerfile", "RUN echo hardened > /etc/hardened\n");
        Path outputs = reactor.dir.resolve("../plan-github-output-" + id);
        Path summary = reactor.dir.resolve("../plan-github-summary-" + id);
        ImageProject.Run planned = reactor.mvn(ImageProject.env("GITHUB_OUTPUT", outputs.toString(),
                "GITHUB_STEP_SUMMARY", summary.toString(), "TF_BUILD", "True"), "platform-image:plan", "platform.maxWaves=3");
        assertTrue(planned.succeeded(), planned::toString);
        plan = plan(reactor);
        assertEquals(5, plan.path("due").asInt(), plan::toString);
        assertEquals(16, plan.path("upToDate").asInt(), plan::toString);
        assertEquals(List.of(List.of("img-01", "img-02", "img-03", "img-10"), List.of("derived")), folders(plan), plan::toString);
        JsonNode wave1 = plan.path("waves").get(0);
        assertEquals("BASE_CHANGED", wave1.get(0).path("reason").asText());
        assertEquals("1.35-stable-1.0.1", wave1.get(0).path("version").asText());
        assertEquals("DEFINITION_CHANGED", wave1.get(3).path("reason").asText());
        assertEquals("1.35-stable-1.1.0", wave1.get(3).path("version").asText());
        JsonNode cascaded = plan.path("waves").get(1).get(0);
        assertEquals("BASE_CHANGED", cascaded.path("reason").asText());
        assertEquals("1.35-stable-1.0.1", cascaded.path("version").asText());
        assertEquals("[\"img-01\"]", cascaded.path("after").toString());
        assertEquals(ImageProject.REGISTRY + "/" + repository + "/derived", cascaded.path("image").asText());

        // The CI outputs: a matrix per wave (GitHub), a matrix object per wave (Azure, on stdout), the job summary.
        Map<String, String> github = outputs(outputs);
        assertEquals(List.of("due", "waves", "wave1", "wave2", "wave3"), List.copyOf(github.keySet()));
        assertEquals("5", github.get("due"));
        assertEquals(4, JSON.readTree(github.get("wave1")).size());
        assertEquals("derived", JSON.readTree(github.get("wave2")).get(0).path("folder").asText());
        assertEquals("[]", github.get("wave3"));
        assertTrue(Files.readString(summary).contains("| 2 | `derived` |"), Files.readString(summary));
        String azureWave2 = planned.log.lines().filter(l -> l.startsWith("##vso[task.setvariable variable=wave2;isOutput=true]"))
                .findFirst().orElseThrow(() -> new AssertionError("no Azure output variable wave2\n" + planned));
        assertEquals("derived", JSON.readTree(azureWave2.substring(azureWave2.indexOf(']') + 1)).path("derived")
                .path("folder").asText());

        // Upstream A was pushed seconds ago (its config's created time): with a minimum age of a day it is pending.
        ImageProject.Run young = reactor.mvn("platform-image:plan", "platform.minBaseAge=24h");
        assertTrue(young.succeeded(), young::toString);
        plan = plan(reactor);
        assertEquals(List.of(List.of("img-10")), folders(plan), "only the definition change is due now: " + plan);
        assertEquals(List.of("img-01", "img-02", "img-03"), plan.path("pending").findValuesAsText("folder"), plan::toString);
        assertTrue(plan.path("pending").get(0).path("explanation").asText().contains("younger than platform.minBaseAge=1d, so it "
                + "is taken from "), plan::toString);
        ImageProject.Run youngCheck = reactor.module("img-01", repository + "/img-01").mvn("validate", "platform.minBaseAge=24h");
        assertTrue(youngCheck.succeeded(), youngCheck::toString);
        assertEquals("UP_TO_DATE", reactor.module("img-01", repository + "/img-01").decision());
        assertTrue(youngCheck.log.contains("-Dplatform.force=true takes it now. Nothing to publish."), youngCheck::toString);

        ImageProject.Run forced = reactor.mvn("platform-image:plan", "platform.force=true");
        assertTrue(forced.succeeded(), forced::toString);
        plan = plan(reactor);
        assertEquals(21, plan.path("due").asInt(), plan::toString);
        assertEquals(List.of("derived"), folders(plan).get(1));
        assertEquals("FORCED", plan.path("waves").get(1).get(0).path("reason").asText());

        ImageProject.Run tooDeep = reactor.mvn("platform-image:plan", "platform.maxWaves=1");
        assertFalse(tooDeep.succeeded(), tooDeep::toString);
        assertTrue(tooDeep.log.contains("The plan has 2 waves, more than the workflow's 1 wave jobs (platform.maxWaves): "
                + "wave 2 builds derived after img-01"), tooDeep::toString);

        ImageProject.Run deploy = reactor.mvn("deploy");
        assertTrue(deploy.succeeded(), deploy::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "1.35-stable-1.0.1", "latest"),
                LocalRegistry.tags(repository + "/derived"));
        assertTrue(LocalRegistry.tags(repository + "/img-10").contains("1.35-stable-1.1.0"));
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "latest"), LocalRegistry.tags(repository + "/img-11"));

        ImageProject.Run after = reactor.mvn("platform-image:plan");
        assertTrue(after.succeeded(), after::toString);
        plan = plan(reactor);
        assertEquals(0, plan.path("due").asInt(), plan::toString);
        assertEquals(21, plan.path("upToDate").asInt(), plan::toString);
    }

    private static JsonNode plan(ImageProject reactor) throws IOException {
        return JSON.readTree(reactor.file("target/platform-image/plan.json").toFile());
    }

    private static List<List<String>> folders(JsonNode plan) {
        List<List<String>> waves = new ArrayList<>();
        plan.path("waves").forEach(wave -> {
            List<String> folders = new ArrayList<>();
            wave.forEach(image -> folders.add(image.path("folder").asText()));
            waves.add(folders);
        });
        return waves;
    }

    private static Map<String, String> outputs(Path file) throws IOException {
        Map<String, String> outputs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            outputs.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        return outputs;
    }

    /** The reactor's folder: a parent POM, 20 images of two kinds and one built FROM img-01. */
    private static Path fleet(String repository, String upstreamA, String upstreamB) {
        try {
            Path dir = Files.createTempDirectory("plan-fleet");
            StringBuilder modules = new StringBuilder();
            for (int i = 1; i <= IMAGES; i++) {
                modules.append("    <module>").append(module(i)).append("</module>\n");
                String from = i <= 3 ? "UPSTREAM_A" : "UPSTREAM_B";
                image(dir, module(i), repository, "ARG " + from + "\nFROM ${" + from + "}\nRUN echo " + from + " > /etc/kind\n");
            }
            modules.append("    <module>derived</module>\n");
            image(dir, "derived", repository, "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN test -f /etc/kind\n");
            Files.writeString(dir.resolve("pom.xml"), """
                    <project xmlns="http://maven.apache.org/POM/4.0.0">
                      <modelVersion>4.0.0</modelVersion>
                      <groupId>it.platformimages</groupId>
                      <artifactId>plan</artifactId>
                      <version>1.0-SNAPSHOT</version>
                      <packaging>pom</packaging>
                      <modules>
                    %s  </modules>
                      <properties>
                        <platform.registry>%s</platform.registry>
                        <platform.tag>1.35-stable</platform.tag>
                        <maven.install.skip>true</maven.install.skip>
                        <maven.deploy.skip>true</maven.deploy.skip>
                      </properties>
                      <build>
                        <plugins>
                          <plugin>
                            <groupId>dev.platformimages</groupId>
                            <artifactId>platform-image-maven-plugin</artifactId>
                            <version>%s</version>
                            <extensions>true</extensions>
                            <configuration>
                              <buildArgs>
                                <UPSTREAM_A>%s</UPSTREAM_A>
                                <UPSTREAM_B>%s</UPSTREAM_B>
                                <BASE_IMAGE>${platform.registry}/%s/img-01:${platform.tag}</BASE_IMAGE>
                              </buildArgs>
                              <selfTests>
                                <selfTest><name>runs</name><shell>true</shell></selfTest>
                              </selfTests>
                            </configuration>
                          </plugin>
                        </plugins>
                      </build>
                    </project>
                    """.formatted(modules, ImageProject.REGISTRY, System.getProperty("it.pluginVersion", "0.1.0-SNAPSHOT"),
                    upstreamA, upstreamB, repository));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void image(Path dir, String module, String repository, String dockerfile) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(module));
        Files.writeString(folder.resolve("Dockerfile"), dockerfile);
        Files.writeString(folder.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent>
                    <groupId>it.platformimages</groupId>
                    <artifactId>plan</artifactId>
                    <version>1.0-SNAPSHOT</version>
                  </parent>
                  <artifactId>%s</artifactId>
                  <packaging>platform-image</packaging>
                  <properties>
                    <platform.repository>%s/%s</platform.repository>
                  </properties>
                </project>
                """.formatted(module, repository, module));
    }
}
