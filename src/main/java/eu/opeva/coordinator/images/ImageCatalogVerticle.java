package eu.opeva.coordinator.images;

import eu.opeva.coordinator.bus.BusReplies;
import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code GET /job-images/versions}, answered as the replaced service did: the tags of a job image
 * repository with {@code last_updated} and {@code digest}, each {@code deucalion_ready} when the
 * HPC image repository has the same tag. One instance, so every HTTP verticle shares its cache; the
 * registry is asked with the WebClient, never blocking the event loop.
 */
public final class ImageCatalogVerticle extends VerticleBase {
  static final int MAX_LIMIT = 200;

  private final Settings.Jobs jobs;
  private final Clock clock;
  private WebClient client;
  private RegistryTags registry;
  private TagCache cache;

  public ImageCatalogVerticle(Settings config, Clock clock) {
    this.jobs = config.jobs();
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    Settings.ImageCatalog catalog = jobs.imageCatalog();
    client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setUserAgent("opeva-coordinator")
                .setConnectTimeout((int) catalog.timeout().toMillis()));
    registry = new RegistryTags(client, catalog.registryUrl(), catalog.timeout());
    cache = new TagCache(clock, catalog.ttl());
    return BusReplies.serve(vertx, ImageAddresses.VERSIONS, this::versions).completion();
  }

  private Future<JsonObject> versions(JsonObject request) {
    String asked = request.getString("repository");
    String repository =
        Repositories.normalise(asked == null || asked.isBlank() ? jobs.imageRepository() : asked);
    Object limit = request.getValue("limit");
    int max =
        Math.max(
            1,
            Math.min(
                MAX_LIMIT,
                limit instanceof Number n ? n.intValue() : jobs.imageCatalog().tagsLimit()));
    Future<TagCache.Lookup> images = lookup(repository, max);
    String sifRepository;
    Future<TagCache.Lookup> sif;
    try {
      sifRepository = Repositories.normalise(jobs.imageCatalog().sifRepository());
      sif = lookup(sifRepository, max);
    } catch (RuntimeException e) {
      sifRepository = jobs.imageCatalog().sifRepository();
      sif = Future.failedFuture(e);
    }
    String sifName = sifRepository;
    Future<TagCache.Lookup> hpc = sif;
    return Future.join(images, hpc)
        .transform(done -> images.map(found -> answer(repository, found, sifName, hpc)));
  }

  private Future<TagCache.Lookup> lookup(String repository, int max) {
    return cache.get(repository + ":" + max, () -> registry.fetch(repository, max));
  }

  private static JsonObject answer(
      String repository,
      TagCache.Lookup images,
      String sifRepository,
      Future<TagCache.Lookup> sif) {
    Set<String> ready = new HashSet<>();
    if (sif.succeeded()) {
      sif.result().listing().tags().forEach(t -> ready.add(t.name()));
    }
    JsonArray tags = new JsonArray();
    for (Tag t : images.listing().tags()) {
      tags.add(
          new JsonObject()
              .put("name", t.name())
              .put("last_updated", t.lastUpdated())
              .put("digest", t.digest())
              .put("deucalion_ready", ready.contains(t.name())));
    }
    long fetchedAt =
        sif.succeeded()
            ? Math.max(images.listing().fetchedAt(), sif.result().listing().fetchedAt())
            : images.listing().fetchedAt();
    JsonObject out =
        new JsonObject()
            .put("repository", repository)
            .put("sif_repository", sifRepository)
            .put("tags", tags)
            .put("count", tags.size())
            .put("cached", images.cached() && sif.succeeded() && sif.result().cached())
            .put("fetched_at", EpochTime.seconds(fetchedAt));
    if (sif.failed()) {
      // The listing is still useful without the HPC side: nothing is marked ready, and why.
      out.put("sif_error", BusReplies.toApiFailure(sif.cause()).detail());
    }
    return out;
  }

  @Override
  public Future<?> stop() {
    if (client != null) {
      client.close();
    }
    return Future.succeededFuture();
  }
}
