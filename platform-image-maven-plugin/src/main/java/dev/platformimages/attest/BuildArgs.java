package dev.platformimages.attest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Build args as the provenance may show them: a value whose name says it is a secret (password, token, secret, key,
 * credential, auth) is withheld. A secret should never be a build arg (it stays in the image's history); this keeps it
 * out of one more place.
 */
public final class BuildArgs {

    public static final String WITHHELD = "<withheld: the name says it is a secret>";
    private static final Pattern SECRET = Pattern.compile("(?i).*(pass(word|wd|phrase)?|secret|token|key|credential|auth|pwd).*");

    private BuildArgs() {
    }

    public static Map<String, String> shown(Map<String, String> args) {
        Map<String, String> shown = new LinkedHashMap<>();
        args.forEach((name, value) -> shown.put(name, SECRET.matcher(name).matches() ? WITHHELD : value));
        return shown;
    }
}
