package dev.platformimages.plugin;

import dev.platformimages.plugin.config.AwsConfiguration;
import dev.platformimages.plugin.config.EcrConfiguration;
import dev.platformimages.plugin.config.PackagesConfiguration;
import dev.platformimages.plugin.config.SigningConfiguration;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The registry group of parameters, which every goal that reaches the registry sees: where the image is published,
 * how that registry is reached (timeout, plain HTTP hosts, CA certificates) and, for ECR, the {@code <aws>} and
 * {@code <ecr>} groups.
 */
abstract class AbstractRegistryMojo extends AbstractPlatformImageMojo {

    static final String PROPERTY_REGISTRY = "platform.registry";

    /**
     * The registry the image is published to, as {@code host[:port]} without scheme, for example
     * {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com} or {@code 127.0.0.1:5000}. Plain HTTP is used only
     * for localhost and 127.0.0.0/8; every other registry is reached over verified TLS. Credentials come from
     * the server entry in settings.xml whose id is this host, else from the Docker CLI's config
     * (credHelpers, credsStore, auths of DOCKER_CONFIG/config.json or ~/.docker/config.json).
     */
    @Parameter(property = PROPERTY_REGISTRY, required = true)
    protected String registry;

    /**
     * Seconds a registry has to accept a connection and to answer each request (the Registry API; ECR API calls
     * have their own). A registry slower than this fails the goal with a message naming the request.
     */
    @Parameter(property = "platform.registryTimeoutSeconds", defaultValue = "30")
    protected int registryTimeoutSeconds;

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
     * How the ECR API and the registry token are requested (ECR registries only, ACCOUNT.dkr.ecr.REGION.amazonaws.com).
     * Each element can also be given as its property (in parentheses), on the command line or in the POM's
     * properties; an element written here wins over the property.
     * <ul>
     * <li>{@code <profile>} (platform.aws.profile): the AWS profile of ~/.aws/config and ~/.aws/credentials. Unset: the
     * AWS default chain (environment, web identity in CI, AWS_PROFILE or the default profile, container and instance
     * roles).</li>
     * <li>{@code <roleArn>} (platform.aws.roleArn): a role to assume (STS AssumeRole) with the credentials found, e.g.
     * arn:aws:iam::123456789012:role/platform-images.</li>
     * <li>{@code <region>} (platform.aws.region): when given, must be the ECR host's (the region comes from the host;
     * this catches a pipeline pointed at the wrong registry).</li>
     * <li>{@code <maxAttempts>} (platform.aws.maxAttempts, default 5): attempts per ECR API call, including the first:
     * throttling, 5xx and connection errors are retried with backoff.</li>
     * </ul>
     */
    @Parameter
    protected AwsConfiguration aws;

    /**
     * ECR's endpoints and the settings of the repositories this plugin creates (ECR registries only). Each element
     * can also be given as its property (in parentheses); an element written here wins over the property.
     * <ul>
     * <li>{@code <endpoint>} (platform.ecr.endpoint): the ECR API endpoint, for a VPC endpoint (or a test double);
     * default: the region's public endpoint.</li>
     * <li>{@code <registryEndpoint>} (platform.ecr.registryEndpoint): the host[:port] image bytes are pushed to and
     * pulled from (the Docker Registry API), when not the registry host itself: the DNS name of a VPC interface
     * endpoint for ECR's Docker API without private DNS, or a test registry. Default: platform.registry. The
     * registry's authorization token is sent to it. (The token's proxyEndpoint is never used: for a registry of
     * another account it names the caller's own.)</li>
     * <li>{@code <scanOnPush>} (platform.ecr.scanOnPush, default true): whether a repository this plugin creates scans
     * images on push (basic scanning).</li>
     * <li>{@code <tagMutability>} (platform.ecr.tagMutability): tag mutability of a repository this plugin creates.
     * IMMUTABLE_WITH_EXCLUSION (default): version tags are immutable, and latest, the tag and the extra tags are
     * excluded so they can move (ECR takes 5 exclusion filters: beyond that, tags sharing a prefix are joined into a
     * wildcard that matches no version tag, or the release stops before any change, saying what to do). MUTABLE: every
     * tag can move (version tags are still never overwritten by this plugin). IMMUTABLE: floating tags could be set
     * only once.</li>
     * <li>{@code <encryption>} (platform.ecr.encryption): encryption of a repository this plugin creates, AES256
     * (default) or KMS.</li>
     * <li>{@code <kmsKey>} (platform.ecr.kmsKey): the KMS key for KMS encryption, as ECR takes it: key ARN
     * (arn:aws:kms:REGION:ACCOUNT:key/ID), key id, alias name (alias/NAME) or alias ARN; unset: the AWS managed
     * key.</li>
     * <li>{@code <repositoryTags>} (platform.ecr.repositoryTags): resource tags of a repository this plugin creates, as
     * key=value pairs separated by commas (keys up to 128 characters and not starting with aws:, values up to
     * 256).</li>
     * <li>{@code <manageRepository>} (platform.ecr.manageRepository, default false): also bring an existing repository
     * in line with the settings above (scan on push, tag mutability and its exclusions, resource tags; encryption
     * cannot change). Off: an existing repository is left as it is.</li>
     * </ul>
     */
    @Parameter
    protected EcrConfiguration ecr;

    /**
     * The package inventory kept with each release, and the check of the released image's packages for updates. Each
     * element can also be given as its property (in parentheses); an element written here wins over the property.
     * <ul>
     * <li>{@code <inventory>} (platform.packages.inventory, default true): push reads the installed packages of the
     * released image from the registry (dpkg, including distroless status.d, and apk; an image with another manager
     * says its packages are not read), keeps them with it as an OCI 1.1 artifact whose subject is the image (the
     * referrers API where the registry has it, else the distribution spec's {@code sha256-<hex>} tag), and compares
     * them with the previous version's: packages added, removed, upgraded and downgraded, in the log, the state, the
     * notifications and the status page. Costs one read of each layer not read before in the build (the previous
     * version's inventory is read from its artifact). Off: nothing is read or kept, and the check below is off too.</li>
     * <li>{@code <checkUpdates>} (platform.packages.checkUpdates, default true): check-update reads the package indexes
     * of the sources the published image itself uses (its sources.list and .sources files, or /etc/apk/repositories),
     * verified as apt and apk verify them against the keys the image trusts, and decides PACKAGES_OUTDATED (a patch
     * bump) when a package it has is newer there, naming the packages. Updates a release did not take are not asked
     * for again. Costs one request per source when its index did not change since the last check, and the index
     * itself when it did (a few MiB for Debian's main archive, read once per build). Off: an image is rebuilt only when
     * its upstream or definition changes, or when forced.</li>
     * <li>{@code <mirrors>} (platform.packages.mirrors): package sources to fetch from another place, as
     * {@code prefix=replacement} pairs separated by commas, e.g.
     * {@code http://deb.debian.org/debian=https://proxy.example.com/debian}: for a CI agent that reaches the
     * sources only through a proxy. The indexes are verified against the image's keys all the same. A mirror that needs
     * credentials gets them from the settings.xml {@code <server>} whose id is its host[:port] (never from the URL:
     * user:password@ there is refused, as mvn -X prints the configuration).</li>
     * </ul>
     */
    @Parameter
    protected PackagesConfiguration packages;

    /**
     * Signing: every release is signed and attested with this key when one is given. Each element can also be given as
     * its property (in parentheses); an element written here wins over the property.
     * <ul>
     * <li>{@code <key>} (platform.signing.key): the private key, as a PEM file (PKCS#8, encrypted PKCS#8, SEC1 EC, or
     * cosign's {@code cosign.key}), the path relative to the project, or an AWS KMS key as cosign names it:
     * {@code awskms:///alias/NAME}, {@code awskms:///arn:aws:kms:REGION:ACCOUNT:key/ID}, or {@code awskms://HOST:PORT/KEY}
     * for a KMS endpoint of your own. The key must be ECDSA P-256 (KMS: an asymmetric ECC_NIST_P256 SIGN_VERIFY key; the
     * role needs kms:Sign and kms:GetPublicKey). With a key, push signs and attests each release after its gates passed
     * and before any tag names it: a signature (a Sigstore bundle referrer, as cosign v3 writes it, and cosign's legacy
     * {@code sha256-<hex>.sig}), the SBOMs (CycloneDX 1.6, SPDX 2.3), the SLSA provenance and the test record, for the
     * image and each platform image of a multi-arch release. Unset: releases are not signed, and status says so.</li>
     * <li>{@code <passphraseVariable>} (platform.signing.passphraseVariable, default COSIGN_PASSWORD): the environment
     * variable that holds an encrypted key's passphrase (never a parameter: Maven prints parameters at -X).</li>
     * <li>{@code <publicKey>} (platform.signing.publicKey): the public key (PEM, e.g. cosign.pub) the verify goal checks
     * against. Unset: the public key of platform.signing.key.</li>
     * <li>{@code <required>} (platform.signing.required, default false): a release without a key fails in check-update,
     * before anything is built.</li>
     * </ul>
     */
    @Parameter
    protected SigningConfiguration signing;

    /** The {@code <signing>} group's values. */
    protected SigningConfiguration.Values signingOptions() {
        return SigningConfiguration.resolve(signing, properties());
    }

    /** The {@code <packages>} group's values. */
    protected PackagesConfiguration.Values packageOptions() {
        return PackagesConfiguration.resolve(packages, properties());
    }

    @Override
    protected RegistryParameters registryParameters() {
        AwsConfiguration.Values a = AwsConfiguration.resolve(aws, properties());
        EcrConfiguration.Values e = EcrConfiguration.resolve(ecr, properties());
        return new RegistryParameters(registry, registryTimeoutSeconds, insecureRegistries, caCertificates, a.profile(),
                a.roleArn(), a.region(), a.maxAttempts(), e.endpoint(), e.registryEndpoint(), e.scanOnPush(),
                e.tagMutability(), e.encryption(), e.kmsKey(), e.repositoryTags(), e.manageRepository());
    }
}
