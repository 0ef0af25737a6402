package dev.platformimages.plugin;

import dev.platformimages.attest.BuildArgs;
import dev.platformimages.engine.DockerJavaEngine;
import dev.platformimages.engine.ImageEngine;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseStep;
import dev.platformimages.step.ImageBuilder;
import dev.platformimages.step.SourceRevision;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the image with the Docker engine, FROM exactly the upstream digests check-update saw (pulled by
 * digest first), and labels it: {@code org.opencontainers.image.base.name}/{@code .base.digest},
 * {@code .version}, {@code .created}, {@code .revision} (git commit), {@code .source}, the definition hash and
 * every base digest. The engine's output goes to the Maven log line by line. The engine is found as the
 * Docker CLI finds it ({@code DOCKER_HOST}, else the local socket).
 */
@Mojo(name = "docker-build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class DockerBuildMojo extends AbstractGatedMojo {

    /**
     * Fails the build when the build output has warnings: the engine's own ([Warning] ...) and lines starting
     * with WARNING:, warning: or apt's W: (not every line that mentions the word). Off by default; the warnings
     * are listed either way.
     */
    @Parameter(property = "platform.failOnBuildWarnings", defaultValue = "false")
    protected boolean failOnBuildWarnings;

    /**
     * Runs every step of the Dockerfile instead of reusing layers of earlier builds. On by default: a forced
     * release is usually asked for to pick up OS updates, which a cached "apt-get upgrade" layer would hide, and
     * a cached step prints no output, so its warnings would go unseen. Set false for faster local iterations.
     */
    @Parameter(property = "platform.noCache", defaultValue = "true")
    protected boolean noCache;

    /** {@code path} relative to the project (with / separators), or as given when outside it. */
    private static String relative(Path basedir, Path path) {
        Path p = path.toAbsolutePath().normalize();
        Path base = basedir.toAbsolutePath().normalize();
        String shown = p.startsWith(base) ? base.relativize(p).toString() : p.toString();
        return shown.isEmpty() ? "." : shown.replace('\\', '/');
    }

    @Override
    protected ReleaseStep step() {
        return ReleaseStep.BUILD;
    }

    @Override
    protected String goal() {
        return "docker-build";
    }

    @Override
    protected void run() {
        gates(); // checked again: the configuration may have changed since check-update
        Optional<ReleaseState> release = hub().releaseToBuild(goal());
        if (release.isEmpty()) {
            return;
        }
        ReleaseState state = release.get();
        String source = project.getScm() != null && project.getScm().getUrl() != null
                ? project.getScm().getUrl() : project.getUrl();
        String revision = SourceRevision.of(project.getBasedir().toPath()).orElse(null);
        Path basedir = project.getBasedir().toPath();
        state.builtFrom(new ReleaseState.BuildInputs(relative(basedir, dockerfile.toPath()), relative(basedir, contextDirectory.toPath()),
                BuildArgs.shown(buildArgs == null ? Map.of() : buildArgs), source, revision));
        try (ImageEngine engine = new DockerJavaEngine()) {
            String imageId = new ImageBuilder(engine, hub()::credentialsOrNull, hub().log())
                    .build(state, definition(), revision, source,
                            Path.of(project.getBuild().getDirectory(), "platform-image"), noCache, failOnBuildWarnings);
            state.built(imageId);
        }
        hub().stateStore().write(state);
    }
}
