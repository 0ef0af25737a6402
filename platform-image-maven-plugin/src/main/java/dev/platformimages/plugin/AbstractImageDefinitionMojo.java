package dev.platformimages.plugin;

import dev.platformimages.agent.AgentRun;
import dev.platformimages.image.Platforms;
import dev.platformimages.image.RegistryMirrors;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.step.ImageDefinition;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The goals that read the image's definition (Dockerfile, context, build args, mirrors, platforms): those that read
 * its gates too ({@link AbstractGatedMojo}), and status (to hash it).
 */
abstract class AbstractImageDefinitionMojo extends AbstractRegistryMojo {

    /** The Dockerfile of the platform image. */
    @Parameter(property = "platform.dockerfile", defaultValue = "${project.basedir}/Dockerfile")
    protected File dockerfile;

    /**
     * The build context sent to the engine. {@code .dockerignore} in it is honoured; the module's
     * {@code pom.xml} and build folder ({@code target/}) are never sent.
     */
    @Parameter(property = "platform.contextDirectory", defaultValue = "${project.basedir}")
    protected File contextDirectory;

    /**
     * Build args passed to the engine, one element per arg named after it (an element UPSTREAM_REGISTRY holding
     * mirror.local sets ARG UPSTREAM_REGISTRY to mirror.local). They also resolve
     * the ARGs used in FROM lines and are part of the definition hash, so changing one is a definition change.
     */
    @Parameter
    protected Map<String, String> buildArgs;

    /**
     * Mirrors or pull-through caches to read and pull upstream images from, as upstream=mirror pairs, comma
     * separated, for example docker.io=123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub,
     * mcr.microsoft.com=registry.internal/mirror/mcr. Checks and builds use the mirror; labels keep the upstream
     * names, so a version built through a mirror compares equal to one built without.
     */
    @Parameter(property = "platform.mirrors")
    protected String mirrors;

    protected RegistryMirrors mirrors() {
        try {
            return RegistryMirrors.parse(mirrors);
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
    }

    /**
     * The platforms to build, test and publish as one multi-arch image, comma separated as os/architecture, e.g.
     * linux/amd64,linux/arm64. Each platform is built from the upstream's entry for it (recorded in labels), tested
     * on that platform (foreign ones through QEMU: binfmt_misc with qemu-user-static must be set up, which
     * check-update verifies), and the version tag is an OCI image index of them all. Unset: the engine's own
     * platform, published as a single image.
     */
    @Parameter(property = "platform.platforms")
    protected String platforms;

    /**
     * Builds and gates only this platform of the multi-arch image platform.platforms describes, on an agent of that
     * platform (a native arm64 runner, say): check-update follows the release's decision, which the first agent of the
     * release pins in the registry (platform.releaseId names the release); docker-build builds this platform only;
     * integration-test pushes its draft, runs every gate on it and records them beside it. push and notify then do
     * nothing: the assemble goal, run once all agents are done, checks the agents' drafts and publishes the index.
     * Unset (default): one machine builds every platform (foreign ones under QEMU).
     */
    @Parameter(property = AgentRun.PROPERTY_PLATFORM)
    protected String platform;

    /**
     * The release the agents of one multi-arch release share (with platform.platform, and for the assemble goal): the
     * same on every agent and stable when a job is run again, such as the CI run's id. Unset: GITHUB_RUN_ID (GitHub
     * Actions) or BUILD_BUILDID (Azure Pipelines). Characters other than letters, digits, '.', '_' and '-' become '-'.
     */
    @Parameter(property = AgentRun.PROPERTY_RELEASE_ID)
    protected String releaseId;

    /** This agent's part of a multi-arch release, when platform.platform is set; a bad value fails naming it. */
    protected Optional<AgentRun> agentRun() {
        try {
            return AgentRun.of(platform, releaseId, platforms(), hub().environment());
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
    }

    protected ImageDefinition definition() {
        Path basedir = project.getBasedir().toPath();
        return new ImageDefinition(dockerfile.toPath(), contextDirectory.toPath(),
                Set.of(Path.of(project.getBuild().getDirectory()), basedir.resolve("pom.xml")),
                buildArgs == null ? Map.of() : buildArgs, platforms());
    }

    /** platform.platforms, validated: unknown platforms and duplicates fail before anything is built. */
    protected List<String> platforms() {
        try {
            return Platforms.parse(platforms);
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
    }
}
