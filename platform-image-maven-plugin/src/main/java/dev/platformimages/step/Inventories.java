package dev.platformimages.step;

import dev.platformimages.image.ImageReference;
import dev.platformimages.packages.InventoryDocument;
import dev.platformimages.packages.InventoryReader;
import dev.platformimages.packages.PackageInventory;
import dev.platformimages.registry.Manifest;
import dev.platformimages.registry.ReferrerStore;
import dev.platformimages.registry.RegistryClient;
import dev.platformimages.registry.RegistryException;
import dev.platformimages.release.ReleaseLog;

import java.util.List;
import java.util.Map.Entry;
import java.util.Map;

/**
 * The package inventories of published images: the document kept with the image (one small read) when there is one,
 * else read from its layers (each layer once per build) and, when asked to, kept with it from then on.
 */
public final class Inventories {

    private final RegistryClient registry;
    private final ReferrerStore store;
    private final InventoryReader reader;
    private final Map<String, Map<String, PackageInventory>> known;
    private final ReleaseLog log;

    /**
     * @param known the inventories this build knows already, by image digest (shared by the build's modules)
     */
    public Inventories(RegistryClient registry, InventoryReader reader, Map<String, Map<String, PackageInventory>> known,
                       ReleaseLog log) {
        this.registry = registry;
        this.store = new ReferrerStore(registry);
        this.reader = reader;
        this.known = known;
        this.log = log;
    }

    /**
     * The inventory (by platform) of {@code image}, a reference by digest to a manifest of its repository.
     *
     * @param keep whether to keep an inventory read from the layers with the image, as an artifact that refers to it
     * @throws RegistryException when neither a stored inventory nor the layers can be read
     */
    public Map<String, PackageInventory> of(ImageReference image, boolean keep) {
        Map<String, PackageInventory> cached = known.get(image.digest());
        if (cached != null) {
            return cached;
        }
        Map<String, PackageInventory> stored = stored(image);
        if (stored != null) {
            known.put(image.digest(), stored);
            return stored;
        }
        Map<String, PackageInventory> read = reader.read(image);
        known.put(image.digest(), read);
        if (keep) {
            keep(image, read);
        }
        return read;
    }

    /** The inventory of {@code image} read from its layers (each layer once per build), not kept. */
    public Map<String, PackageInventory> read(ImageReference image) {
        Map<String, PackageInventory> read = reader.read(image);
        known.put(image.digest(), read);
        return read;
    }

    /** The inventory kept with {@code image}, or null when none is (or it cannot be read: then the layers are). */
    public Map<String, PackageInventory> stored(ImageReference image) {
        List<ReferrerStore.Artifact> artifacts = store.find(image, InventoryDocument.ARTIFACT_TYPE);
        if (artifacts.isEmpty()) {
            return null;
        }
        ImageReference repository = ImageReference.of(image.registry(), image.repository(), null);
        try {
            return InventoryDocument.read(store.content(repository, artifacts.get(artifacts.size() - 1)));
        } catch (IllegalArgumentException | RegistryException e) {
            log.warn("The inventory kept with " + image + " cannot be read (" + e.getMessage() + "): reading its layers");
            return null;
        }
    }

    /** Keeps {@code inventory} with {@code image} in the registry, as an artifact whose subject is the image. */
    public void keep(ImageReference image, Map<String, PackageInventory> inventory) {
        ImageReference repository = ImageReference.of(image.registry(), image.repository(), null);
        Manifest subject = registry.manifest(image).orElseThrow(() -> new RegistryException(image + " is not in the registry"));
        String artifact = store.attach(repository, subject, InventoryDocument.ARTIFACT_TYPE, InventoryDocument.MEDIA_TYPE,
                InventoryDocument.write(image.digest(), inventory), Map.of(InventoryDocument.COUNT_ANNOTATION,
                        String.valueOf(inventory.values().stream().mapToInt(i -> i.packages().size()).sum())));
        log.info("Kept the package inventory of " + image.digest() + " with it (" + artifact + ": "
                + String.join(", ", inventory.entrySet().stream().map(Inventories::count).toList()) + ")");
    }

    private static String count(Entry<String, PackageInventory> platform) {
        PackageInventory inventory = platform.getValue();
        return platform.getKey() + " " + (inventory.note() != null ? "packages not read"
                : inventory.packages().size() + " " + inventory.manager().name().toLowerCase(java.util.Locale.ROOT) + " packages");
    }
}
