package dev.platformimages.step;

import dev.platformimages.image.ImageReference;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.ManifestHead;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.release.ReleaseFailure;
import dev.platformimages.release.ReleaseTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The registry reads of a reactor's checks, made at once on a bounded pool when the first check starts, so that a
 * fleet of images waits for its registries concurrently rather than one image after the other: per image, a HEAD
 * of each upstream base (one per distinct base for the whole reactor) and the reads of its newest published
 * version (tag list, then the manifest and config of its floating tag or version tag). Each image's check then takes its answers from
 * here, once each; anything else, and any read that failed here, it makes itself, so its errors are its own.
 * Images of the reactor itself are never read ahead when used as a base: they may be published during the run.
 */
public final class RegistryReadAhead {

    /** What one image's check will read: its upstream bases (mirrors applied) and where it is published. */
    public record Plan(String image, List<ImageReference> upstream, ReleaseTarget target) {
    }

    /** The property that sets the pool's size. */
    public static final String PROPERTY_THREADS = "platform.checkThreads";
    private static final int MAX_THREADS = 64;

    private final RegistryClient registry;
    private final Map<String, Map<String, CompletableFuture<Object>>> readsByImage = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<?>> readyByImage = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requestsByImage = new ConcurrentHashMap<>();

    private RegistryReadAhead(RegistryClient registry) {
        this.registry = registry;
    }

    /** {@code threads} when it is a pool size this plugin takes (0 meaning no read-ahead); else a failure naming the property. */
    public static int checkedThreads(int threads) {
        if (threads < 0 || threads > MAX_THREADS) {
            throw new ReleaseFailure(PROPERTY_THREADS + " is " + threads + ": give 1 to " + MAX_THREADS
                    + " threads, or 0 to let each check read for itself");
        }
        return threads;
    }

    /**
     * Starts the reads of every plan on {@code threads} daemon threads (ended when the reads are) and returns at
     * once.
     */
    public static RegistryReadAhead start(List<Plan> plans, RegistryClient registry, int threads) {
        RegistryReadAhead readAhead = new RegistryReadAhead(registry);
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), task -> {
            Thread thread = new Thread(task, "platform-image-read-ahead-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Map<String, CompletableFuture<Object>> headsByBase = new ConcurrentHashMap<>();
        for (Plan plan : plans) {
            Map<String, CompletableFuture<Object>> reads = new ConcurrentHashMap<>();
            AtomicInteger requests = new AtomicInteger();
            readAhead.readsByImage.put(plan.image(), reads);
            readAhead.requestsByImage.put(plan.image(), requests);
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (ImageReference base : plan.upstream()) {
                CompletableFuture<Object> head = headsByBase.computeIfAbsent(headKey(base), key ->
                        CompletableFuture.supplyAsync(() -> {
                            requests.incrementAndGet();
                            return registry.head(base);
                        }, pool));
                reads.put(headKey(base), head);
                all.add(head);
            }
            all.add(CompletableFuture.runAsync(() -> readAhead.readNewestVersion(plan.target(), reads, requests), pool));
            readAhead.readyByImage.put(plan.image(), CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));
        }
        pool.shutdown();
        return readAhead;
    }

    /** The images read ahead for. */
    public java.util.Set<String> images() {
        return readsByImage.keySet();
    }

    /**
     * A registry client for {@code image}'s check: reads come from here (each once) when they were read ahead, else
     * from {@code live}; writes always go to {@code live}. Waits for the image's reads to end first.
     */
    public ReadAheadClient forImage(String image, RegistryClient live) {
        CompletableFuture<?> ready = readyByImage.get(image);
        if (ready != null) {
            ready.exceptionally(e -> null).join(); // every read is bounded by the registry timeout and retries
        }
        return new ReadAheadClient(readsByImage.getOrDefault(image, new ConcurrentHashMap<>()),
                requestsByImage.getOrDefault(image, new AtomicInteger()).get(), live);
    }

    /** The reads check-update makes of the newest version ({@link NewestVersion}), each recorded under its key. */
    private void readNewestVersion(ReleaseTarget target, Map<String, CompletableFuture<Object>> reads, AtomicInteger requests) {
        RegistryClient recording = new RecordingClient(registry, reads, requests);
        List<String> tags = recording.tags(target.registry(), target.repository());
        Optional<NewestVersion.Found> newest = NewestVersion.read(recording, target, tags);
        if (newest.isPresent() && !newest.get().lastFloatingRead()) {
            List<String> floating = target.floatingTags();
            recording.head(target.reference(floating.get(floating.size() - 1)));
        }
    }

    private static String headKey(ImageReference reference) {
        return "HEAD " + reference;
    }

    private static String manifestKey(ImageReference reference) {
        return "GET " + reference;
    }

    private static String blobKey(ImageReference repository, String digest) {
        return "BLOB " + repository.name() + "@" + digest;
    }

    private static String tagsKey(String registry, String repository) {
        return "TAGS " + registry + "/" + repository;
    }

    /** Reads through {@code registry}, each recorded as done under its key. */
    private static final class RecordingClient extends DelegatingClient {
        private final Map<String, CompletableFuture<Object>> reads;
        private final AtomicInteger requests;

        RecordingClient(RegistryClient registry, Map<String, CompletableFuture<Object>> reads, AtomicInteger requests) {
            super(registry);
            this.reads = reads;
            this.requests = requests;
        }

        @Override
        protected <T> T read(String key, Supplier<T> live) {
            requests.incrementAndGet();
            T value = live.get();
            reads.put(key, CompletableFuture.completedFuture(value));
            return value;
        }
    }

    /** The client an image's check reads through: answers read ahead first, each once, then the live registry. */
    public static final class ReadAheadClient extends DelegatingClient {
        private final Map<String, CompletableFuture<Object>> reads;
        private final int requestsAhead;
        private final AtomicInteger answered = new AtomicInteger();

        ReadAheadClient(Map<String, CompletableFuture<Object>> reads, int requestsAhead, RegistryClient live) {
            super(live);
            this.reads = reads;
            this.requestsAhead = requestsAhead;
        }

        /** Requests made ahead for this image (a base shared with another image is counted for one of them). */
        public int requestsAhead() {
            return requestsAhead;
        }

        /** Reads this check took from the read-ahead. */
        public int answered() {
            return answered.get();
        }

        @Override
        @SuppressWarnings("unchecked")
        protected <T> T read(String key, Supplier<T> live) {
            // A blob is content-addressed, so its answer stays true; anything else is answered once, then read live.
            CompletableFuture<Object> ahead = key.startsWith("BLOB ") ? reads.get(key) : reads.remove(key);
            if (ahead != null && ahead.isDone() && !ahead.isCompletedExceptionally()) {
                answered.incrementAndGet();
                return (T) ahead.join();
            }
            return live.get(); // not read ahead, or failed there: read now, so the error is this check's own
        }
    }

    /** A client whose four reads go through {@link #read} and whose writes go straight to the registry. */
    private abstract static class DelegatingClient implements RegistryClient {
        protected final RegistryClient registry;

        DelegatingClient(RegistryClient registry) {
            this.registry = registry;
        }

        protected abstract <T> T read(String key, Supplier<T> live);

        @Override
        public Optional<ManifestHead> head(ImageReference reference) {
            return read(headKey(reference), () -> registry.head(reference));
        }

        @Override
        public Optional<Manifest> manifest(ImageReference reference) {
            return read(manifestKey(reference), () -> registry.manifest(reference));
        }

        @Override
        public byte[] blob(ImageReference repository, String digest) {
            return read(blobKey(repository, digest), () -> registry.blob(repository, digest));
        }

        @Override
        public void blobTo(ImageReference repository, String digest, java.nio.file.Path file) {
            registry.blobTo(repository, digest, file); // layers are read once by the inventory, not ahead
        }

        @Override
        public List<String> tags(String registryHost, String repository) {
            return read(tagsKey(registryHost, repository), () -> registry.tags(registryHost, repository));
        }

        @Override
        public String putManifest(ImageReference target, Manifest manifest) {
            return registry.putManifest(target, manifest);
        }

        @Override
        public void copyBlob(ImageReference target, String digest, String fromRepository) {
            registry.copyBlob(target, digest, fromRepository);
        }

        @Override
        public void deleteManifest(ImageReference reference) {
            registry.deleteManifest(reference);
        }

        @Override
        public void deleteTag(ImageReference tagged) {
            registry.deleteTag(tagged);
        }

        @Override
        public boolean deletesTagsAlone() {
            return registry.deletesTagsAlone();
        }

        @Override
        public void prepareRepository(String registryHost, String repository) {
            registry.prepareRepository(registryHost, repository);
        }

        @Override
        public List<String> requestCounts() {
            return registry.requestCounts();
        }

        @Override
        public Map<String, Integer> requestTotals() {
            return registry.requestTotals();
        }
    }
}
