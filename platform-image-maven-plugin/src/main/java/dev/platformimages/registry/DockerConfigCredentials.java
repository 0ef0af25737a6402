package dev.platformimages.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Credentials the Docker CLI would use, from its config file ({@code $DOCKER_CONFIG/config.json}, else
 * {@code ~/.docker/config.json}), in the CLI's order: the host's {@code credHelpers} entry, then
 * {@code credsStore}, then the {@code auths} entry. Helpers are run as {@code docker-credential-<name> get}
 * with the server on stdin. Nothing read here is logged; a helper's output never appears in an error.
 */
public final class DockerConfigCredentials {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

    /** Runs {@code docker-credential-<helper> get}; a seam for tests. */
    public interface HelperRunner {
        /** The helper's answer (JSON) for {@code server}, or empty when it has none for it. */
        Optional<String> get(String helper, String server);
    }

    private final Path configFile;
    private final HelperRunner helpers;

    public DockerConfigCredentials(Path configFile, HelperRunner helpers) {
        this.configFile = configFile;
        this.helpers = helpers;
    }

    /** The config file the Docker CLI reads in {@code environment}, with helpers found on its PATH. */
    public static DockerConfigCredentials fromEnvironment(Map<String, String> environment) {
        String dir = environment.get("DOCKER_CONFIG");
        Path file = dir != null && !dir.isBlank() ? Path.of(dir, "config.json")
                : Path.of(System.getProperty("user.home"), ".docker", "config.json");
        return new DockerConfigCredentials(file, new ProcessHelperRunner(environment.getOrDefault("PATH", "")));
    }

    public Path configFile() {
        return configFile;
    }

    public Optional<RegistryCredentials> find(String host) {
        if (!Files.isRegularFile(configFile)) {
            return Optional.empty();
        }
        JsonNode config;
        try {
            config = JSON.readTree(configFile.toFile());
        } catch (IOException e) {
            throw new RegistryException(configFile + " is not valid JSON (looking for credentials for " + host + ")");
        }
        String server = isDockerHub(host) ? DOCKER_HUB_SERVER : host;
        for (Iterator<Map.Entry<String, JsonNode>> it = config.path("credHelpers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> helper = it.next();
            if (sameHost(helper.getKey(), host)) {
                return fromHelper(helper.getValue().asText(), server, host);
            }
        }
        if (config.hasNonNull("credsStore") && !config.get("credsStore").asText().isBlank()) {
            Optional<RegistryCredentials> stored = fromHelper(config.get("credsStore").asText(), server, host);
            if (stored.isPresent()) {
                return stored;
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = config.path("auths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> auth = it.next();
            if (sameHost(auth.getKey(), host)) {
                return fromAuth(auth.getValue(), host);
            }
        }
        return Optional.empty();
    }

    private Optional<RegistryCredentials> fromHelper(String helper, String server, String host) {
        Optional<String> answer = helpers.get(helper, server);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(answer.get());
            String user = json.path("Username").asText("");
            String secret = json.path("Secret").asText("");
            if (secret.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new RegistryCredentials(user, secret));
        } catch (IOException e) {
            throw new RegistryException("docker-credential-" + helper + " answered something other than JSON for " + host);
        }
    }

    private Optional<RegistryCredentials> fromAuth(JsonNode entry, String host) {
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new RegistryException("the auths entry for " + host + " in " + configFile + " is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new RegistryException("the auths entry for " + host + " in " + configFile + " is not user:password");
            }
            return Optional.of(new RegistryCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        if (entry.hasNonNull("username") && entry.hasNonNull("password")) {
            return Optional.of(new RegistryCredentials(entry.get("username").asText(), entry.get("password").asText()));
        }
        return Optional.empty();
    }

    /** Config keys are written as hosts or URLs: {@code ghcr.io}, {@code https://ghcr.io}, {@code https://index.docker.io/v1/}. */
    static boolean sameHost(String key, String host) {
        String k = key.replaceFirst("^[a-zA-Z]+://", "");
        int slash = k.indexOf('/');
        if (slash >= 0) {
            k = k.substring(0, slash);
        }
        return k.equalsIgnoreCase(host) || isDockerHub(k) && isDockerHub(host);
    }

    private static boolean isDockerHub(String host) {
        return host.equals("docker.io") || host.equals("index.docker.io") || host.equals("registry-1.docker.io");
    }

    /** Runs helpers found on a PATH, with a timeout; a helper that is missing or has nothing gives empty. */
    public static final class ProcessHelperRunner implements HelperRunner {
        private final String path;

        public ProcessHelperRunner(String path) {
            this.path = path;
        }

        @Override
        public Optional<String> get(String helper, String server) {
            Optional<Path> executable = locate("docker-credential-" + helper);
            if (executable.isEmpty()) {
                throw new RegistryException("docker-credential-" + helper + " (named in the Docker config) is not on the PATH");
            }
            try {
                Process process = new ProcessBuilder(List.of(executable.get().toString(), "get")).start();
                try (OutputStream in = process.getOutputStream()) {
                    in.write(server.getBytes(StandardCharsets.UTF_8));
                }
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new RegistryException("docker-credential-" + helper + " did not answer within 30 s");
                }
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                // Helpers exit non-zero with "credentials not found" when they have nothing for the server.
                return process.exitValue() == 0 ? Optional.of(out) : Optional.empty();
            } catch (IOException e) {
                throw new RegistryException("cannot run docker-credential-" + helper + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException("interrupted while running docker-credential-" + helper);
            }
        }

        private Optional<Path> locate(String name) {
            List<Path> candidates = new ArrayList<>();
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, name));
                }
            }
            return candidates.stream().filter(Files::isExecutable).findFirst();
        }
    }
}
