package dev.platformimages.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed {@code WWW-Authenticate} header: the scheme (Bearer or Basic) and its parameters. */
public final class AuthChallenge {

    private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]+))");

    private final String scheme;
    private final Map<String, String> parameters;

    private AuthChallenge(String scheme, Map<String, String> parameters) {
        this.scheme = scheme;
        this.parameters = parameters;
    }

    public static AuthChallenge parse(String header) {
        String h = header == null ? "" : header.trim();
        int space = h.indexOf(' ');
        String scheme = (space < 0 ? h : h.substring(0, space)).toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        if (space >= 0) {
            Matcher m = PARAM.matcher(h.substring(space + 1));
            while (m.find()) {
                String value = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
                params.put(m.group(1).toLowerCase(Locale.ROOT), value);
            }
        }
        return new AuthChallenge(scheme, params);
    }

    public boolean isBearer() {
        return scheme.equals("bearer");
    }

    public boolean isBasic() {
        return scheme.equals("basic");
    }

    public String parameter(String name) {
        return parameters.get(name);
    }
}
