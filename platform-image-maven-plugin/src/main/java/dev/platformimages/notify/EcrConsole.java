package dev.platformimages.notify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Links to the AWS console page of an ECR repository, for registries whose host is an ECR host. */
final class EcrConsole {

    private static final Pattern ECR_HOST = Pattern.compile(
            "(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");

    private EcrConsole() {
    }

    /** The console page of the repository, or null when the registry is not ECR. */
    static String repositoryPage(String registry, String repository) {
        Matcher m = ECR_HOST.matcher(registry);
        if (!m.matches()) {
            return null;
        }
        String account = m.group(1);
        String region = m.group(2);
        String console = m.group(3) != null ? "https://" + region + ".console.amazonaws.cn"
                : "https://" + region + ".console.aws.amazon.com";
        return console + "/ecr/repositories/private/" + account + "/" + repository + "?region=" + region;
    }
}
