package dev.platformimages.plugin;

import dev.platformimages.engine.EngineException;
import dev.platformimages.registry.HttpRegistryClient;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryCredentials;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.service.ReleaseFailure;
import dev.platformimages.service.ReleaseLog;
import dev.platformimages.service.ReleaseTarget;
import dev.platformimages.state.ReleaseState;
import dev.platformimages.state.StateStore;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What every goal shares: where the image is published, the skip switch and the release state file. */
abstract class AbstractPlatformImageMojo extends AbstractMojo {

    static final String PROPERTY_REGISTRY = "platform.registry";
    static final String PROPERTY_REPOSITORY = "platform.repository";
    static final String PROPERTY_TAG = "platform.tag";
    static final String PROPERTY_EXTRA_TAGS = "platform.extraTags";
    static final String PROPERTY_SKIP = "platform.skip";
    static final Duration REGISTRY_TIMEOUT = Duration.ofSeconds(30);

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${settings}", readonly = true)
    protected Settings settings;

    @Component
    protected SettingsDecrypter settingsDecrypter;

    /**
     * The registry the image is published to, as {@code host[:port]} without scheme, for example
     * {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com} or {@code 127.0.0.1:5000}. Plain HTTP is used only
     * for localhost and 127.0.0.0/8; every other registry is reached over verified TLS. Credentials come from
     * the {@code <server>} in settings.xml whose id is this host.
     */
    @Parameter(property = PROPERTY_REGISTRY, required = true)
    protected String registry;

    /** The repository in the registry, for example {@code platform/dotnet-runtime}. */
    @Parameter(property = PROPERTY_REPOSITORY, defaultValue = "${project.artifactId}")
    protected String repository;

    /**
     * The tag without version, for example {@code 8.0-bookworm-slim}. Versions are published as
     * {@code {tag}-MAJOR.MINOR.PATCH} ({@code 8.0-bookworm-slim-1.4.0}); the tag itself and {@code latest} float.
     */
    @Parameter(property = PROPERTY_TAG, required = true)
    protected String tag;

    /** More floating tags moved to each new version besides {@code latest} and the tag, comma separated. */
    @Parameter(property = PROPERTY_EXTRA_TAGS)
    protected String extraTags;

    /** Skips every goal of this plugin. */
    @Parameter(property = PROPERTY_SKIP, defaultValue = "false")
    protected boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping " + goal() + ": " + PROPERTY_SKIP + "=true");
            return;
        }
        try {
            run();
        } catch (ReleaseFailure e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (RegistryException | EngineException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage() + ": " + e.getCause().getMessage(), e);
        }
    }

    /** The goal's work; only called when not skipped. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    protected abstract String goal();

    protected ReleaseTarget target() {
        List<String> extras = extraTags == null ? List.of()
                : Arrays.stream(extraTags.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
        return new ReleaseTarget(registry, repository, tag, extras);
    }

    protected StateStore stateStore() {
        return new StateStore(Path.of(project.getBuild().getDirectory()));
    }

    /**
     * The release check-update prepared, or empty (with one line saying why) when there is nothing to do.
     * Fails when check-update has not run or ran for another target.
     */
    protected Optional<ReleaseState> releaseToContinue() {
        StateStore store = stateStore();
        ReleaseState state = store.read().orElseThrow(() -> new ReleaseFailure("no release state in " + store.file()
                + ": run check-update first (mvn deploy runs every goal in order)"));
        ReleaseTarget target = target();
        if (!target.registry().equals(state.registry) || !target.repository().equals(state.repository)
                || !target.tag().equals(state.tag)) {
            throw new ReleaseFailure("check-update ran for " + state.registry + "/" + state.repository + " tag " + state.tag
                    + ", not " + target.registry() + "/" + target.repository() + " tag " + target.tag() + ": run check-update again");
        }
        if (!state.publishes()) {
            getLog().info("Skipping " + goal() + ": " + state.registry + "/" + state.repository + " is up to date at "
                    + state.previousVersionTag + " (see check-update)");
            return Optional.empty();
        }
        return Optional.of(state);
    }

    protected RegistryClient registryClient() {
        return new HttpRegistryClient(REGISTRY_TIMEOUT, this::credentials);
    }

    /** Credentials of the settings.xml {@code <server>} whose id is the registry host; decrypted when encrypted. */
    protected Optional<RegistryCredentials> credentials(String host) {
        if (settings == null) {
            return Optional.empty();
        }
        Server server = settings.getServer(host);
        if (server == null) {
            return Optional.empty();
        }
        Server decrypted = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server)).getServer();
        if (decrypted == null || decrypted.getUsername() == null) {
            return Optional.empty();
        }
        return Optional.of(new RegistryCredentials(decrypted.getUsername(), decrypted.getPassword()));
    }

    protected ReleaseLog releaseLog() {
        return new ReleaseLog() {
            @Override
            public void info(String line) {
                getLog().info(line);
            }

            @Override
            public void warn(String line) {
                getLog().warn(line);
            }
        };
    }
}
