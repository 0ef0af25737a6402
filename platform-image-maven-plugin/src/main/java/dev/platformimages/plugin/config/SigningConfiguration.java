package dev.platformimages.plugin.config;

import static dev.platformimages.plugin.config.PropertyNames.SIGNING_KEY;
import static dev.platformimages.plugin.config.PropertyNames.SIGNING_PASSPHRASE_VARIABLE;
import static dev.platformimages.plugin.config.PropertyNames.SIGNING_PUBLIC_KEY;
import static dev.platformimages.plugin.config.PropertyNames.SIGNING_REQUIRED;

/**
 * The {@code <signing>} group: the key releases are signed with, where its passphrase comes from, the public key
 * the verify goal checks against, and whether a release must be signed (documented on the goals' {@code signing}).
 */
public class SigningConfiguration {

    /** The environment variable cosign reads a key's passphrase from, so a team's cosign setup works as it is. */
    public static final String DEFAULT_PASSPHRASE_VARIABLE = "COSIGN_PASSWORD";

    private String key;
    private String passphraseVariable;
    private String publicKey;
    private Boolean required;

    /** The group's values, each from the configuration, else its property, else its default. */
    public record Values(String key, String passphraseVariable, String publicKey, boolean required) {
    }

    /** @param configured the {@code <signing>} element, or null when the POM has none */
    public static Values resolve(SigningConfiguration configured, ConfigurationProperties properties) {
        SigningConfiguration c = configured == null ? new SigningConfiguration() : configured;
        String variable = properties.string(c.passphraseVariable, SIGNING_PASSPHRASE_VARIABLE);
        return new Values(properties.string(c.key, SIGNING_KEY), variable == null ? DEFAULT_PASSPHRASE_VARIABLE : variable,
                properties.string(c.publicKey, SIGNING_PUBLIC_KEY), properties.bool(c.required, SIGNING_REQUIRED, false));
    }
}
