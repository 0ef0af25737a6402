package dev.platformimages.plugin;

import dev.platformimages.ecr.EcrRegistryClient;
import dev.platformimages.ecr.EcrRepositories;
import dev.platformimages.ecr.EcrSession;
import dev.platformimages.ecr.RepositorySettings;
import dev.platformimages.kms.AwsKeyService;
import dev.platformimages.packages.HttpSourceFetcher;
import dev.platformimages.packages.InventoryReader;
import dev.platformimages.packages.PackageMirrors;
import dev.platformimages.plugin.config.PackagesConfiguration;
import dev.platformimages.plugin.config.SigningConfiguration;
import dev.platformimages.registry.CredentialLookup;
import dev.platformimages.registry.DockerConfigCredentials;
import dev.platformimages.registry.HttpRegistryClient;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryCredentials;
import dev.platformimages.registry.TrustedCertificates;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseState;
import dev.platformimages.release.ReleaseTarget;
import dev.platformimages.release.StateStore;
import dev.platformimages.signing.ImageSigner;
import dev.platformimages.signing.KeyLocation;
import dev.platformimages.signing.KmsSigner;
import dev.platformimages.signing.PemKeys;
import dev.platformimages.step.Inventories;
import dev.platformimages.step.PackageSourceCheck;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The one place a goal's services are wired: the target, the registry clients with their credentials, the ECR
 * session and the release state, built from the goal's parameters over what its Maven build shares
 * ({@link BuildServices}: ECR sessions, authorizations). Naming the target needs no network call, so a failure can
 * always be announced; clients and the ECR session are made on first use.
 */
final class ServiceHub {

    /** The image's names, as the goal received them. */
    record ImageNames(String repository, String tag, String extraTags, String draftRepository) {
    }

    /** Where registry credentials come from besides ECR: settings.xml servers, then the Docker CLI's config. */
    record MavenSettings(Settings settings, SettingsDecrypter decrypter) {
    }

    private final RegistryParameters parameters;
    private final ImageNames names;
    private final MavenSettings maven;
    private final BuildServices build;
    private final Map<String, String> environment;
    private final Path basedir;
    private final Path buildDirectory;
    private final RecentLog log;
    private TargetRegistry registry;
    private EcrSession ecrSession;

    ServiceHub(RegistryParameters parameters, ImageNames names, MavenSettings maven, BuildServices build,
               Map<String, String> environment, Path basedir, Path buildDirectory, RecentLog log) {
        this.parameters = parameters;
        this.names = names;
        this.maven = maven;
        this.build = build;
        this.environment = environment;
        this.basedir = basedir;
        this.buildDirectory = buildDirectory;
        this.log = log;
    }

    RecentLog log() {
        return log;
    }

    Map<String, String> environment() {
        return environment;
    }

    Duration registryTimeout() {
        return parameters.timeout();
    }

    /** The registry, resolved (and checked) once. */
    TargetRegistry registry() {
        if (registry == null) {
            registry = TargetRegistry.resolve(parameters);
        }
        return registry;
    }

    ReleaseTarget target() {
        List<String> extras = names.extraTags() == null ? List.of()
                : Arrays.stream(names.extraTags().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        TargetRegistry target = registry();
        return new ReleaseTarget(target.address(), names.repository(), names.tag(), extras, names.draftRepository(), target.isEcr());
    }

    StateStore stateStore() {
        return new StateStore(buildDirectory);
    }

    /**
     * The release check-update prepared, or empty (with one line saying why) when there is nothing to do.
     * Fails when check-update has not run or ran for another target.
     */
    Optional<ReleaseState> releaseToContinue(String goal) {
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
            log.info("Skipping " + goal + ": " + state.registry + "/" + state.repository + " is up to date at "
                    + state.previousVersionTag + " (see check-update)");
            return Optional.empty();
        }
        return Optional.of(state);
    }

    /** As {@link #releaseToContinue(String)}, and also empty when the release builds nothing (it only completes a promotion). */
    Optional<ReleaseState> releaseToBuild(String goal) {
        Optional<ReleaseState> release = releaseToContinue(goal);
        if (release.isPresent() && !release.get().builds()) {
            ReleaseState state = release.get();
            log.info("Skipping " + goal + ": " + state.registry + "/" + state.repository + ":" + state.versionTag
                    + " is published and was tested; push completes its promotion (see check-update)");
            return Optional.empty();
        }
        return release;
    }

    /** The ECR session when the registry is ECR; opened (credentials resolved) on first use. */
    Optional<EcrSession> ecr() {
        TargetRegistry target = registry();
        if (target.ecr().isEmpty()) {
            return Optional.empty();
        }
        if (ecrSession == null) {
            try {
                ecrSession = build.ecrSessions.open(target.ecr().get(), target.ecrOptions());
            } catch (IllegalArgumentException e) {
                throw new ReleaseFailure(e.getMessage());
            }
            if (!target.address().equals(target.host()) && ecrSession.firstUse()) {
                log.info(target.ecr().get() + ": image bytes go to " + target.address() + " (platform.ecr.registryEndpoint)");
            }
        }
        return Optional.of(ecrSession);
    }

    /** The settings of ECR repositories this plugin creates; validated, so a bad value fails before anything changes. */
    RepositorySettings repositorySettings(ReleaseTarget target) {
        try {
            return RepositorySettings.of(parameters.ecrScanOnPush(), parameters.ecrTagMutability(), target.floatingTags(),
                    parameters.ecrEncryption(), parameters.ecrKmsKey(), parameters.ecrRepositoryTags(),
                    parameters.ecrManageRepository(), target.tag());
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
    }

    /** The client of the target registry: ECR's (repositories created and set up as configured) or the Registry API's. */
    RegistryClient registryClient() {
        if (!registry().insecure().isEmpty()) {
            log.warn("Plain HTTP, no TLS, for " + registry().insecure() + " (platform.insecureRegistries)");
        }
        HttpRegistryClient registryApi = registryApi();
        Optional<EcrSession> ecr = ecr();
        if (ecr.isEmpty()) {
            return registryApi;
        }
        return new EcrRegistryClient(ecr.get(), new EcrRepositories(ecr.get(), repositorySettings(target()), log), registryApi);
    }

    /** The track report of status and plan, with the build's caches of tag lists and build times. */
    dev.platformimages.step.UpstreamTracks upstreamTracks(RegistryClient client, java.time.Duration staleAfter) {
        return new dev.platformimages.step.UpstreamTracks(client, build.upstreamTags, build.baseCreated, staleAfter,
                java.time.Clock.systemUTC());
    }

    /** The Registry API client alone, whatever the registry: for reads of registries other than ECR. */
    HttpRegistryClient registryApi() {
        DockerConfigCredentials dockerConfig = DockerConfigCredentials.fromEnvironment(environment);
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
        }).insecureRegistries(registry().insecure()).trusting(caCertificates()).sharing(build.registryCache);
    }

    /**
     * The signer of platform.signing.key, or empty when no key is configured. A PEM key's passphrase comes from the
     * environment variable the options name; a KMS key is reached with the {@code <aws>} group's credentials, in its ARN's
     * region, else platform.aws.region, else the ECR registry's. Loaded once per build and key.
     *
     * @throws ReleaseFailure naming the parameter and the fix when the key cannot be used
     */
    Optional<ImageSigner> signer(SigningConfiguration.Values options) {
        if (options.key() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(build.signers.computeIfAbsent(options.key(), key -> loadSigner(options)));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ReleaseFailure("platform.signing.key: " + e.getMessage());
        }
    }

    private ImageSigner loadSigner(SigningConfiguration.Values options) {
        KeyLocation location = KeyLocation.parse(options.key(), basedir);
        if (location.kms()) {
            String region = location.arnRegion() != null ? location.arnRegion() : parameters.awsRegion() != null
                    ? parameters.awsRegion() : ecr().map(e -> e.host().region()).orElse(null);
            KmsSigner signer = new KmsSigner(AwsKeyService.open(region, location.kmsEndpoint(), parameters.awsProfile(),
                    parameters.awsRoleArn(), parameters.awsMaxAttempts()), location.kmsKey());
            signer.publicKey(); // the key exists, is P-256 and may be used: known before anything is built
            return signer;
        }
        String pem;
        try {
            pem = java.nio.file.Files.readString(location.file(), java.nio.charset.StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read the key file " + location.file() + " (" + e.getClass().getSimpleName()
                    + "): give the path of a PEM private key, or an awskms:// URI");
        }
        return PemKeys.signer(pem, () -> {
            String passphrase = environment.get(options.passphraseVariable());
            if (passphrase == null) {
                throw new IllegalArgumentException(location.file().getFileName() + " is encrypted: set the environment variable "
                        + options.passphraseVariable() + " to its passphrase (platform.signing.passphraseVariable names another)");
            }
            return passphrase.toCharArray();
        }, "the key file " + location.file().getFileName());
    }

    /** The package inventories of published images in {@code registry}: kept ones, else read from the layers. */
    Inventories inventories(RegistryClient registry) {
        return new Inventories(registry, new InventoryReader(registry, build.layers, buildDirectory.resolve("platform-image/layers")),
                build.inventories, log);
    }

    /** The check of images' packages against their own package sources (platform.packages). */
    PackageSourceCheck packageSourceCheck(PackagesConfiguration.Values options) {
        PackageMirrors mirrors;
        try {
            mirrors = PackageMirrors.parse(options.mirrors());
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
        return new PackageSourceCheck(build.sourceFetcher(registryTimeout(), this::sourceCredentials), mirrors, build.packageSources,
                buildDirectory.resolve("platform-image/indexes"), java.time.Clock.systemUTC(), log);
    }

    /** A package source host's user and password: the settings.xml {@code <server>} whose id is the host. */
    private Optional<String[]> sourceCredentials(String host) {
        return settingsCredentials(host).map(c -> new String[] {c.username(), c.password()});
    }

    /** What the build's package source requests came to so far, e.g. {@code 3 requests, 412 KiB}. */
    String packageSourceTraffic() {
        HttpSourceFetcher fetcher = build.sourceFetcher(registryTimeout(), this::sourceCredentials);
        return fetcher.requests() + " requests, " + (fetcher.bytes() + 1023) / 1024 + " KiB received";
    }

    /** platform.caCertificates as an SSL context; null when none are given (the JVM's trust store alone). */
    private SSLContext caCertificates() {
        String files = parameters.caCertificates();
        if (files == null || files.isBlank()) {
            return null;
        }
        List<Path> paths = Arrays.stream(files.split(",")).map(String::trim).filter(f -> !f.isEmpty())
                .map(f -> basedir != null ? basedir.resolve(f) : Path.of(f)).toList();
        try {
            return build.trust.computeIfAbsent(paths, TrustedCertificates::withCaCertificates);
        } catch (IllegalArgumentException e) {
            throw new ReleaseFailure(e.getMessage());
        }
    }

    /**
     * Credentials for a registry host: ECR's token for the target ECR registry; else the settings.xml
     * {@code <server>} whose id is the host (decrypted when encrypted); else what the Docker CLI would use
     * ({@code ~/.docker/config.json}: credHelpers, credsStore, auths).
     */
    Optional<RegistryCredentials> credentials(String host) {
        Optional<EcrSession> ecr = ecr();
        if (ecr.isPresent() && ecr.get().registryAddress().equals(host)) {
            return Optional.of(ecr.get().authorization().credentials());
        }
        Optional<RegistryCredentials> fromSettings = settingsCredentials(host);
        if (fromSettings.isPresent()) {
            return fromSettings;
        }
        return DockerConfigCredentials.fromEnvironment(environment).find(host);
    }

    /** As {@link #credentials(String)}, null when there are none: for services that take a host -> credentials function. */
    RegistryCredentials credentialsOrNull(String host) {
        return credentials(host).orElse(null);
    }

    private Optional<RegistryCredentials> settingsCredentials(String host) {
        if (maven.settings() == null) {
            return Optional.empty();
        }
        Server server = maven.settings().getServer(host);
        if (server == null) {
            return Optional.empty();
        }
        Server decrypted = maven.decrypter().decrypt(new DefaultSettingsDecryptionRequest(server)).getServer();
        if (decrypted == null || decrypted.getUsername() == null) {
            return Optional.empty();
        }
        return Optional.of(new RegistryCredentials(decrypted.getUsername(), decrypted.getPassword()));
    }
}
