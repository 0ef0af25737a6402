package dev.platformimages.release;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which run made something (a claim, a test container, a draft): the host, the process id and when that process
 * started (epoch milliseconds). A run is known to be gone only on its own host, when no process has its id and start
 * time any more; a run of another host is never taken for gone. In a draft tag the host is a short hash of its name
 * ({@link #tagPart()}), which fits Docker's tag grammar and length.
 */
public record RunOwner(String host, long pid, String started) {

    public static final String HOST = "dev.platformimages.run.host";
    public static final String PID = "dev.platformimages.run.pid";
    public static final String STARTED = "dev.platformimages.run.started";

    private static final RunOwner CURRENT = new RunOwner(localHost(), ProcessHandle.current().pid(),
            startOf(ProcessHandle.current()).orElse(""));
    private static final java.util.regex.Pattern TAG_PART = java.util.regex.Pattern.compile("-r([0-9a-f]{8})\\.([0-9]+)\\.([0-9]+)");

    /** This JVM's run. */
    public static RunOwner current() {
        return CURRENT;
    }

    /** The owner named by labels or annotations written by {@link #asLabels()}; empty when they are not all there. */
    public static Optional<RunOwner> from(Map<String, String> labels) {
        String host = labels.get(HOST);
        String pid = labels.get(PID);
        String started = labels.get(STARTED);
        if (host == null || pid == null || started == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RunOwner(host, Long.parseLong(pid), started));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public Map<String, String> asLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(HOST, host);
        labels.put(PID, Long.toString(pid));
        labels.put(STARTED, started);
        return labels;
    }

    /** {@code -r{host hash}.{pid}.{start}}: this run in a tag. */
    public String tagPart() {
        return "-r" + hostHash(host) + "." + pid + "." + started;
    }

    /** The run named in a tag by {@link #tagPart()}; its host is the hash, which {@link #isGone()} understands. */
    public static Optional<RunOwner> fromTag(String tag) {
        java.util.regex.Matcher m = TAG_PART.matcher(tag);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RunOwner("#" + m.group(1), Long.parseLong(m.group(2)), m.group(3)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether this run is known to have ended: it ran on this host and its process is gone (or the id was reused). */
    public boolean isGone() {
        if (!host.equals(CURRENT.host) && !host.equals("#" + hostHash(CURRENT.host))) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isEmpty() || !process.get().isAlive() || !startOf(process.get()).orElse("").equals(started);
    }

    @Override
    public String toString() {
        return "process " + pid + " on " + host;
    }

    private static Optional<String> startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).map(String::valueOf);
    }

    private static String hostHash(String host) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(host.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
