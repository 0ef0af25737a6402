package dev.platformimages.ecr;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The registry's scanning configuration (GetRegistryScanningConfiguration), which decides how an image is scanned:
 * BASIC or ENHANCED (Amazon Inspector), and per repository, through the first rule whose filter matches it,
 * SCAN_ON_PUSH, CONTINUOUS_SCAN or MANUAL. It replaces the repository-level scanOnPush, which AWS deprecated; that
 * setting still counts under basic scanning where no registry rule matches. Pure: the answer comes from ECR.
 *
 * @param type  BASIC, ENHANCED, or UNKNOWN when the configuration could not be read
 * @param rules the rules, in ECR's order
 */
public record RegistryScanning(String type, List<Rule> rules) {

    /** A scanning rule: its frequency and its repository filters (WILDCARD: {@code *} stands for any characters). */
    public record Rule(String frequency, List<String> repositoryFilters) {
        boolean matches(String repository) {
            return repositoryFilters.stream().anyMatch(filter -> wildcard(filter).matcher(repository).matches());
        }
    }

    public static final RegistryScanning UNKNOWN = new RegistryScanning("UNKNOWN", List.of());

    public boolean enhanced() {
        return type.equals("ENHANCED");
    }

    public boolean known() {
        return !type.equals("UNKNOWN");
    }

    /** How {@code repository} is scanned: the frequency of the first matching rule, MANUAL when none matches. */
    public String frequencyFor(String repository) {
        return rules.stream().filter(r -> r.matches(repository)).map(Rule::frequency).findFirst().orElse("MANUAL");
    }

    /** e.g. {@code ENHANCED (Amazon Inspector), CONTINUOUS_SCAN for platform/node}. */
    public String describe(String repository) {
        if (!known()) {
            return "unknown (GetRegistryScanningConfiguration was refused or failed: grant ecr:GetRegistryScanningConfiguration "
                    + "to see the mode; the gate goes by what each scan answers)";
        }
        String frequency = frequencyFor(repository);
        return type + (enhanced() ? " (Amazon Inspector)" : "") + ", " + frequency + " for " + repository
                + (frequency.equals("MANUAL") ? " (no registry rule matches it"
                + (enhanced() ? ")" : ": the repository's own scan on push setting applies, else the gate starts a scan)") : "");
    }

    /** An ECR WILDCARD filter as a pattern matching whole names: {@code *} stands for any characters. */
    static Pattern wildcard(String filter) {
        String[] parts = filter.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            regex.append(i == 0 ? "" : ".*").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }
}
