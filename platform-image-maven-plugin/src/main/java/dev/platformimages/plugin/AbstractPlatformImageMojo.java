package dev.platformimages.plugin;

import dev.platformimages.http.TransportLogs;
import dev.platformimages.notify.NotificationChannel;
import dev.platformimages.notify.NotificationException;
import dev.platformimages.plugin.config.ConfigurationProperties;
import dev.platformimages.release.ReleaseStep;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What every goal shares: the image's names, the skip switch and the notification channels. A goal reads its
 * parameters and calls its services, which {@link ServiceHub} wires; this class runs it and announces its failure.
 */
abstract class AbstractPlatformImageMojo extends AbstractMojo {

    static final String PROPERTY_REPOSITORY = "platform.repository";
    static final String PROPERTY_TAG = "platform.tag";
    static final String PROPERTY_EXTRA_TAGS = "platform.extraTags";
    static final String PROPERTY_SKIP = "platform.skip";
    static final String PROPERTY_NOTIFY_ON = "platform.notifyOn";
    static final String PROPERTY_FAIL_ON_NOTIFICATION_ERROR = "platform.failOnNotificationError";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${settings}", readonly = true)
    protected Settings settings;

    /** The Maven build this goal runs in: what its goals and modules share lives in {@link BuildServices}. */
    @Parameter(defaultValue = "${session}", readonly = true)
    protected MavenSession session;

    @Component
    protected SettingsDecrypter settingsDecrypter;

    /** The repository in the registry, for example {@code platform/dotnet-runtime}. */
    @Parameter(property = PROPERTY_REPOSITORY, defaultValue = "${project.artifactId}")
    protected String repository;

    /**
     * The tag without version, for example {@code 8.0-bookworm-slim}. Versions are published as
     * TAG-MAJOR.MINOR.PATCH ({@code 8.0-bookworm-slim-1.4.0}); the tag itself and {@code latest} float.
     */
    @Parameter(property = PROPERTY_TAG)
    protected String tag;

    /** More floating tags moved to each new version besides {@code latest} and the tag, comma separated. */
    @Parameter(property = PROPERTY_EXTRA_TAGS)
    protected String extraTags;

    /**
     * The repository drafts are pushed to: the built image goes there before its gates, and push promotes the
     * tested digest from there to the version tag. Default: the repository followed by -drafts. A repository of
     * its own, because deleting a draft deletes its manifest, which in the release repository would also take the
     * version tag.
     */
    @Parameter(property = "platform.draftRepository")
    protected String draftRepository;

    /** Skips every goal of this plugin. */
    @Parameter(property = PROPERTY_SKIP, defaultValue = "false")
    protected boolean skip;

    /**
     * Channels told about releases and failures, one notification element each, with these fields.
     * type: teams (an Adaptive Card 1.4 for a Teams Workflows webhook), slack (Block Kit for a Slack incoming
     * webhook) or webhook (a plain JSON document, see the manual, Notifications).
     * urlEnv: the name of the environment variable holding the webhook URL, for example TEAMS_WEBHOOK_URL
     * (recommended: the URL is then in no POM and not in Maven's debug output); or url: the URL itself, usually
     * written as an env expression. https only; plain http only for localhost and 127.0.0.0/8.
     * style (teams only): workflows (default, answers 202) or connector (a retired Office 365 connector,
     * answers 200 with body 1).
     * secretEnv (webhook only): the environment variable holding a secret; the body is then signed with
     * HMAC-SHA256 in the header X-Platform-Image-Signature as sha256=HEX.
     * on: release, failure, always or never; default: platform.notifyOn.
     * Every channel is checked when a goal starts, so a bad URL or an unset variable fails the build before
     * anything is built. Releases are announced by the notify goal after push; failures by the goal that
     * failed, after which the build still fails with the original error. Logs show the host only.
     */
    @Parameter
    protected List<Notification> notifications;

    /** Which outcomes the channels are told about unless a channel says otherwise: {@code release}, {@code failure}, {@code always} or {@code never}. */
    @Parameter(property = PROPERTY_NOTIFY_ON, defaultValue = "release")
    protected String notifyOn;

    /**
     * Fails the build when a release notification cannot be delivered (after retries). Off by default: the
     * release is published either way and an undelivered notification is a warning.
     */
    @Parameter(property = PROPERTY_FAIL_ON_NOTIFICATION_ERROR, defaultValue = "false")
    protected boolean failOnNotificationError;

    /** The checked channels that are not {@code never}, set before {@link #run()}. */
    protected List<NotificationChannel> channels = List.of();
    private ServiceHub hub;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping " + goal() + ": " + PROPERTY_SKIP + "=true");
            skipped();
            return;
        }
        try {
            channels = usesNotifications() ? Notification.channels(notifications, notifyOn, PROPERTY_NOTIFY_ON, environment())
                    : List.of();
        } catch (NotificationException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        TransportLogs.quiet(); // before any HTTP client exists: no credential in a debug log
        new FailureAnnouncer(channels, hub(), getLog()).runAnnouncingFailures(step(), this::run);
    }

    /** This goal's services, wired once per execution. */
    protected ServiceHub hub() {
        if (hub == null) {
            hub = new ServiceHub(registryParameters(),
                    new ServiceHub.ImageNames(repository, tag, extraTags, draftRepository),
                    new ServiceHub.MavenSettings(settings, settingsDecrypter), BuildServices.of(session), environment(),
                    project == null ? null : project.getBasedir().toPath(),
                    project == null ? null : Path.of(project.getBuild().getDirectory()), new RecentLog(getLog()));
        }
        return hub;
    }

    /** The registry group of parameters. */
    protected abstract RegistryParameters registryParameters();

    /** Where grouped parameters ({@code <ecr>}, {@code <scan>}...) find their properties: -D, JVM, POM. */
    protected ConfigurationProperties properties() {
        return new ConfigurationProperties(session.getUserProperties(), session.getSystemProperties(), project.getProperties());
    }

    /** Whether this goal announces anything; a goal that only reports (status) neither checks nor uses channels. */
    protected boolean usesNotifications() {
        return true;
    }

    /** The step a failure of this goal is reported as, unless the failure names its own. */
    protected abstract ReleaseStep step();

    /** The process environment; read for notification URLs and CI variables. */
    protected Map<String, String> environment() {
        return System.getenv();
    }

    /** Called instead of {@link #run()} when skipped: a goal that reports for the whole reactor still reports. */
    protected void skipped() throws MojoExecutionException, MojoFailureException {
    }

    /** The goal's work; only called when not skipped. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    protected abstract String goal();
}
