package dev.platformimages.service;

import dev.platformimages.gate.HttpCheck;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A test application built FROM the image under test, run, and probed over HTTP. */
public final class TestApp {
    final Path dockerfile;
    final Path context;
    final String baseImageArg;
    final Map<String, String> buildArgs;
    final int port;
    final HttpCheck check;
    final Duration timeout;

    public TestApp(Path dockerfile, Path context, String baseImageArg, Map<String, String> buildArgs, int port,
                   HttpCheck check, Duration timeout) {
        this.dockerfile = dockerfile;
        this.context = context;
        this.baseImageArg = baseImageArg;
        this.buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
        this.port = port;
        this.check = check;
        this.timeout = timeout;
        if (port < 1 || port > 65535) {
            throw new ReleaseFailure("integrationTest.port is " + port + ": use the port the app listens on (1-65535)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ReleaseFailure("integrationTest.timeoutSeconds must be positive");
        }
    }
}
