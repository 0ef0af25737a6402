package dev.platformimages.plugin;

import dev.platformimages.ecr.EcrOptions;
import dev.platformimages.ecr.EcrRegistryClient;
import dev.platformimages.ecr.EcrRegistryHost;
import dev.platformimages.ecr.EcrRepositories;
import dev.platformimages.ecr.EcrSession;
import dev.platformimages.ecr.RepositorySettings;
import dev.platformimages.engine.EngineException;
import dev.platformimages.http.TransportLogs;
import dev.platformimages.notify.CiRun;
import dev.platformimages.notify.NotificationChannel;
import dev.platformimages.notify.NotificationException;
import dev.platformimages.notify.Notifier;
import dev.platformimages.notify.NotifyOn;
import dev.platformimages.notify.ReleaseEvent;
import dev.platformimages.notify.WebhookDelivery;
import dev.platformimages.registry.CredentialLookup;
import dev.platformimages.registry.DockerConfigCredentials;
import dev.platformimages.registry.HttpRegistryClient;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryCredentials;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.service.ReleaseFailure;
import dev.platformimages.service.ReleaseLog;
import dev.platformimages.service.ReleaseStep;
import dev.platformimages.service.ReleaseTarget;
import dev.platformimages.state.ReleaseState;
import dev.platformimages.state.StateStore;
import org.apache.maven.execution.MavenSession;
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
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What every goal shares: where the image is published, the skip switch and the release state file. */
abstract class AbstractPlatformImageMojo extends AbstractMojo {

    static final String PROPERTY_REGISTRY = "platform.registry";
    static final String PROPERTY_REPOSITORY = "platform.repository";
    static final String PROPERTY_TAG = "platform.tag";
    static final String PROPERTY_EXTRA_TAGS = "platform.extraTags";
    static final String PROPERTY_SKIP = "platform.skip";
    static final String PROPERTY_NOTIFY_ON = "platform.notifyOn";
    static final String PROPERTY_FAIL_ON_NOTIFICATION_ERROR = "platform.failOnNotificationError";
    /** Lines of this goal's own log kept for a failure notification whose error carries no log of its own. */
    private static final int RECENT_LINES = 20;
    /**
     * Seconds a registry has to accept a connection and to answer each request (the Registry API; ECR API calls
     * have their own). A registry slower than this fails the goal with a message naming the request.
     */
    @Parameter(property = "platform.registryTimeoutSeconds", defaultValue = "30")
    protected int registryTimeoutSeconds;

    /** platform.registryTimeoutSeconds, checked. */
    protected Duration registryTimeout() {
        if (registryTimeoutSeconds < 1 || registryTimeoutSeconds > 3600) {
            throw new ReleaseFailure("platform.registryTimeoutSeconds is " + registryTimeoutSeconds + ": give 1 to 3600 seconds");
        }
        return Duration.ofSeconds(registryTimeoutSeconds);
    }

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${settings}", readonly = true)
    protected Settings settings;

    /** The Maven build this goal runs in: what its goals and modules share lives in {@link BuildServices}. */
    @Parameter(defaultValue = "${session}", readonly = true)
    protected MavenSession session;

    @Component
    protected SettingsDecrypter settingsDecrypter;

    /**
     * The registry the image is published to, as {@code host[:port]} without scheme, for example
     * {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com} or {@code 127.0.0.1:5000}. Plain HTTP is used only
     * for localhost and 127.0.0.0/8; every other registry is reached over verified TLS. Credentials come from
     * the server entry in settings.xml whose id is this host, else from the Docker CLI's config
     * (credHelpers, credsStore, auths of DOCKER_CONFIG/config.json or ~/.docker/config.json).
     */
    @Parameter(property = PROPERTY_REGISTRY, required = true)
    protected String registry;

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

    /**
     * Registries (host[:port], comma separated) to reach over plain HTTP although they are not on localhost or
     * 127.0.0.0/8, for a lab registry without TLS. Every other registry is reached over verified TLS. The Docker
     * engine needs the same hosts in its own insecure-registries setting to push and pull.
     */
    @Parameter(property = "platform.insecureRegistries")
    protected String insecureRegistries;

    /**
     * PEM files (comma separated) of CA certificates to trust, besides the JVM's trust store, for registries whose
     * certificate a private CA signed. Verification stays on: a registry whose certificate no trusted CA signed fails
     * with its host named. The Docker engine needs the same CA in its own certs.d to push and pull.
     */
    @Parameter(property = "platform.caCertificates")
    protected String caCertificates;

    /**
     * The AWS profile (of ~/.aws/config and ~/.aws/credentials) the ECR API and registry token are requested with.
     * Unset: the AWS default chain (environment, web identity in CI, AWS_PROFILE or the default profile, container
     * and instance roles). Only for ECR registries, ACCOUNT.dkr.ecr.REGION.amazonaws.com.
     */
    @Parameter(property = "platform.aws.profile")
    protected String awsProfile;

    /** A role to assume (STS AssumeRole) with the credentials found, e.g. arn:aws:iam::123456789012:role/platform-images. */
    @Parameter(property = "platform.aws.roleArn")
    protected String awsRoleArn;

    /**
     * The region, when given, must be the ECR host's (the region comes from the host; this catches a pipeline
     * pointed at the wrong registry).
     */
    @Parameter(property = "platform.aws.region")
    protected String awsRegion;

    /** Attempts per ECR API call, including the first: throttling, 5xx and connection errors are retried with backoff. */
    @Parameter(property = "platform.aws.maxAttempts", defaultValue = "5")
    protected int awsMaxAttempts;

    /** The ECR API endpoint, for a VPC endpoint (or a test double); default: the region's public endpoint. */
    @Parameter(property = "platform.ecr.endpoint")
    protected String ecrEndpoint;

    /**
     * ECR: the host[:port] image bytes are pushed to and pulled from (the Docker Registry API), when not the
     * registry host itself: the DNS name of a VPC interface endpoint for ECR's Docker API without private DNS, or a
     * test registry. Default: platform.registry. The registry's authorization token is sent to it. (The token's
     * proxyEndpoint is never used: for a registry of another account it names the caller's own.)
     */
    @Parameter(property = "platform.ecr.registryEndpoint")
    protected String ecrRegistryEndpoint;

    /** ECR: whether a repository this plugin creates scans images on push (basic scanning). */
    @Parameter(property = "platform.ecr.scanOnPush", defaultValue = "true")
    protected boolean ecrScanOnPush;

    /**
     * ECR: tag mutability of a repository this plugin creates. IMMUTABLE_WITH_EXCLUSION (default): version tags are
     * immutable, and latest, the tag and the extra tags are excluded so they can move (ECR takes 5 exclusion
     * filters: beyond that, tags sharing a prefix are joined into a wildcard that matches no version tag, or the
     * release stops before any change, saying what to do). MUTABLE: every tag can move (version tags are still
     * never overwritten by this plugin). IMMUTABLE: floating tags could be set only once.
     */
    @Parameter(property = "platform.ecr.tagMutability", defaultValue = "IMMUTABLE_WITH_EXCLUSION")
    protected String ecrTagMutability;

    /** ECR: encryption of a repository this plugin creates, AES256 (default) or KMS. */
    @Parameter(property = "platform.ecr.encryption")
    protected String ecrEncryption;

    /**
     * ECR: the KMS key for KMS encryption, as ECR takes it: key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID), key id,
     * alias name (alias/NAME) or alias ARN; unset: the AWS managed key.
     */
    @Parameter(property = "platform.ecr.kmsKey")
    protected String ecrKmsKey;

    /**
     * ECR: resource tags of a repository this plugin creates, as key=value pairs separated by commas (keys up to 128
     * characters and not starting with aws:, values up to 256).
     */
    @Parameter(property = "platform.ecr.repositoryTags")
    protected String ecrRepositoryTags;

    /**
     * ECR: also bring an existing repository in line with the settings above (scan on push, tag mutability and its
     * exclusions, resource tags; encryption cannot change). Off: an existing repository is left as it is.
     */
    @Parameter(property = "platform.ecr.manageRepository", defaultValue = "false")
    protected boolean ecrManageRepository;

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
    private final Deque<String> recentLog = new ArrayDeque<>();

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping " + goal() + ": " + PROPERTY_SKIP + "=true");
            return;
        }
        try {
            channels = !usesNotifications() ? List.of() : NotificationChannel.resolve(
                    notifications == null ? List.of() : notifications.stream().map(Notification::toSpec).toList(),
                    NotifyOn.parse(notifyOn == null ? "release" : notifyOn, PROPERTY_NOTIFY_ON), environment());
        } catch (NotificationException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        try {
            TransportLogs.quiet(); // before any HTTP client exists: no credential in a debug log
            run();
        } catch (ReleaseFailure e) {
            notifyFailure(e.step().orElse(step()), e.getMessage(), e.log());
            throw new MojoFailureException(e.describe(), e);
        } catch (RegistryException | EngineException e) {
            notifyFailure(step(), e.getMessage(), List.of());
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            String message = e.getMessage() + ": " + e.getCause().getMessage();
            notifyFailure(step(), message, List.of());
            throw new MojoExecutionException(message, e);
        } catch (MojoExecutionException | MojoFailureException | RuntimeException e) {
            notifyFailure(step(), String.valueOf(e.getMessage()), List.of());
            throw e;
        }
    }

    /**
     * Tells the failure channels which step failed, with the log that explains it and what was published. Never
     * throws: the build fails with the original error whatever happens here.
     */
    private void notifyFailure(ReleaseStep failedStep, String error, List<String> log) {
        if (failedStep == ReleaseStep.NOTIFY) {
            return; // the channels are what failed
        }
        try {
            Notifier notifier = new Notifier(channels, new WebhookDelivery(), releaseLog());
            if (notifier.channelsFor(ReleaseEvent.Outcome.FAILED).isEmpty()) {
                return;
            }
            // A failed check, or a goal run on its own, may find an older run's state: it published nothing of it.
            ReleaseState state = failedStep.continuesARelease() ? stateStore().read().orElse(null) : null;
            ReleaseTarget target = target();
            List<String> explaining = log.isEmpty() ? List.copyOf(recentLog) : log;
            notifier.send(ReleaseEvent.failed(target.registry(), target.repository(), target.tag(), state,
                    failedStep.label(), error, explaining, CiRun.detect(environment()).orElse(null), Instant.now()));
        } catch (RuntimeException e) {
            getLog().warn("Could not send the failure notification: " + e.getMessage());
        }
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

    /** The goal's work; only called when not skipped. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    protected abstract String goal();

    protected ReleaseTarget target() {
        List<String> extras = extraTags == null ? List.of()
                : Arrays.stream(extraTags.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
        Optional<EcrSession> ecr = ecr();
        // On ECR, image bytes go to the registry host, or to platform.ecr.registryEndpoint: no AWS call needed.
        String address = ecr.map(EcrSession::registryAddress).orElse(registry);
        return new ReleaseTarget(address, repository, tag, extras, draftRepository, ecr.isPresent());
    }

    private EcrSession ecrSession;

    /** The ECR session when {@code registry} is an ECR host; opened (credentials resolved) on first use. */
    protected Optional<EcrSession> ecr() {
        Optional<EcrRegistryHost> host;
        try {
            host = EcrRegistryHost.parse(registry);
            if (host.isEmpty()) {
                return Optional.empty();
            }
            host.get().requireRegion(awsRegion);
            if (ecrSession == null) {
                ecrSession = BuildServices.of(session).ecrSessions.open(host.get(), EcrOptions.of(awsProfile, awsRoleArn, ecrEndpoint, awsMaxAttempts,
                        ecrRegistryEndpoint));
                String address = ecrSession.registryAddress();
                if (!address.equals(host.get().host()) && ecrSession.firstUse()) {
                    getLog().info(host.get() + ": image bytes go to " + address + " (platform.ecr.registryEndpoint)");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
        return Optional.of(ecrSession);
    }

    /** The settings of ECR repositories this plugin creates; validated, so a bad value fails before anything changes. */
    protected RepositorySettings repositorySettings(ReleaseTarget target) {
        try {
            return RepositorySettings.of(ecrScanOnPush, ecrTagMutability, target.floatingTags(), ecrEncryption, ecrKmsKey,
                    ecrRepositoryTags, ecrManageRepository, target.tag());
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
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

    /** As {@link #releaseToContinue()}, and also empty when the release builds nothing (it only completes a promotion). */
    protected Optional<ReleaseState> releaseToBuild() {
        Optional<ReleaseState> release = releaseToContinue();
        if (release.isPresent() && !release.get().builds()) {
            ReleaseState state = release.get();
            getLog().info("Skipping " + goal() + ": " + state.registry + "/" + state.repository + ":" + state.versionTag
                    + " is published and was tested; push completes its promotion (see check-update)");
            return Optional.empty();
        }
        return release;
    }

    protected RegistryClient registryClient() {
        java.util.Set<String> insecure = insecureRegistries();
        if (!insecure.isEmpty()) {
            getLog().warn("Plain HTTP, no TLS, for " + insecure + " (platform.insecureRegistries)");
        }
        HttpRegistryClient registryApi = registryApi();
        Optional<EcrSession> ecr = ecr();
        if (ecr.isEmpty()) {
            return registryApi;
        }
        return new EcrRegistryClient(ecr.get(), new EcrRepositories(ecr.get(), repositorySettings(target()), releaseLog()), registryApi);
    }

    private java.util.Set<String> insecureRegistries() {
        return insecureRegistries == null ? java.util.Set.of()
                : Arrays.stream(insecureRegistries.split(",")).map(String::trim).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
    }

    /** The Registry API client alone, whatever the registry: for reads of registries other than ECR. */
    protected HttpRegistryClient registryApi() {
        DockerConfigCredentials dockerConfig = DockerConfigCredentials.fromEnvironment(environment());
        return new HttpRegistryClient(registryTimeout(), new CredentialLookup() {
            @Override
            public Optional<RegistryCredentials> find(String host) {
                return credentials(host);
            }

            @Override
            public String searched(String host) {
                return "the <server> with id '" + host + "' in settings.xml, then the credHelpers, credsStore and auths "
                        + "entries for " + host + " in " + dockerConfig.configFile();
            }
        }).insecureRegistries(insecureRegistries()).trusting(caCertificatesContext())
                .sharing(BuildServices.of(session).registryCache);
    }

    /** platform.caCertificates as an SSL context; null when none are given (the JVM's trust store alone). */
    private javax.net.ssl.SSLContext caCertificatesContext() {
        if (caCertificates == null || caCertificates.isBlank()) {
            return null;
        }
        List<Path> files = Arrays.stream(caCertificates.split(",")).map(String::trim).filter(f -> !f.isEmpty())
                .map(f -> project != null ? project.getBasedir().toPath().resolve(f) : Path.of(f)).toList();
        try {
            return dev.platformimages.registry.TrustedCertificates.withCaCertificates(files);
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
    }

    /**
     * Credentials for a registry host: the settings.xml {@code <server>} whose id is the host (decrypted when
     * encrypted), else what the Docker CLI would use ({@code ~/.docker/config.json}: credHelpers, credsStore, auths).
     */
    protected Optional<RegistryCredentials> credentials(String host) {
        Optional<EcrSession> ecr = ecr();
        if (ecr.isPresent() && ecr.get().registryAddress().equals(host)) {
            return Optional.of(ecr.get().authorization().credentials());
        }
        Optional<RegistryCredentials> fromSettings = settingsCredentials(host);
        if (fromSettings.isPresent()) {
            return fromSettings;
        }
        return DockerConfigCredentials.fromEnvironment(environment()).find(host);
    }

    /** As {@link #credentials(String)}, null when there are none: for services that take a host -> credentials function. */
    protected RegistryCredentials credentialsOrNull(String host) {
        return credentials(host).orElse(null);
    }

    private Optional<RegistryCredentials> settingsCredentials(String host) {
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
                remember(line);
            }

            @Override
            public void warn(String line) {
                getLog().warn(line);
                remember(line);
            }
        };
    }

    private synchronized void remember(String line) {
        for (String part : line.split("\n")) {
            if (recentLog.size() == RECENT_LINES) {
                recentLog.removeFirst();
            }
            recentLog.addLast(part);
        }
    }
}
