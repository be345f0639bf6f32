package eu.opeva.coordinator.bench;

import eu.opeva.coordinator.Coordinator;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.settings.SettingsLoader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Exports a large site through the real coordinator (HTTP, event bus, MongoDB cursors, CSV files)
 * and prints documents per second and heap figures. Run it with {@code -Xmx512m} against the server
 * of {@link BenchMongoServer} (see {@code scripts/bench-dataset}). Arguments: connection string,
 * then the first and last timestamp of the data.
 */
public final class DatasetExportBench {
  private DatasetExportBench() {}

  public static void main(String[] args) throws Exception {
    String uri = args[0];
    Instant first = Instant.parse(args[1]);
    Instant last = Instant.parse(args[2]);
    Path root = Files.createTempDirectory("opeva-bench");
    Settings config =
        SettingsLoader.load(
            Optional.empty(),
            Map.of(
                "VM_SHARED_DATA",
                root.toString(),
                "HTTP_PORT",
                "0",
                "HTTP_HOST",
                "127.0.0.1",
                "MONGO_URI",
                uri,
                "MONITOR_INTERVAL_SECONDS",
                "3600"));
    Vertx vertx = Vertx.vertx();
    Coordinator coordinator =
        new Coordinator(vertx, config, Clock.systemUTC()).start().await(2, TimeUnit.MINUTES);
    WebClient client = WebClient.create(vertx);
    System.out.printf(
        "JVM %s, max heap %d MiB, %d cores%n",
        Runtime.version(),
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());
    try (HeapWatch heap = new HeapWatch()) {
      Instant tenth = first.plus(Duration.between(first, last).dividedBy(10));
      JsonObject all = new JsonObject();
      JsonObject tenthOnly = new JsonObject().put("until_ts", tenth.toString());
      run(client, coordinator.port(), heap, root, "whole site, cold", all, false);
      run(
          client,
          coordinator.port(),
          heap,
          root,
          "whole site, warm (replaces the dataset)",
          all,
          false);
      run(client, coordinator.port(), heap, root, "whole site, live heap probed", all, true);
      run(
          client,
          coordinator.port(),
          heap,
          root,
          "first tenth of the span, live heap probed",
          tenthOnly,
          true);
    } finally {
      client.close();
      coordinator.stop().await(1, TimeUnit.MINUTES);
      vertx.close().await(1, TimeUnit.MINUTES);
      deleteTree(root);
    }
  }

  private static void run(
      WebClient client,
      int port,
      HeapWatch heap,
      Path root,
      String label,
      JsonObject extra,
      boolean probe)
      throws Exception {
    heap.reset(probe);
    JsonObject body =
        new JsonObject()
            .put("name", "bench")
            .put("site_id", BenchMongoServer.SITE)
            .put("period", 60)
            .put("citylearn_configs", new JsonObject())
            .mergeIn(extra);
    long started = System.nanoTime();
    var response =
        client
            .post(port, "127.0.0.1", "/dataset")
            .timeout(TimeUnit.HOURS.toMillis(2))
            .sendJsonObject(body)
            .await(2, TimeUnit.HOURS);
    double seconds = (System.nanoTime() - started) / 1e9;
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "export failed: " + response.statusCode() + " " + response.bodyAsString());
    }
    JsonObject status =
        client
            .get(port, "127.0.0.1", "/dataset/bench/status")
            .send()
            .await(1, TimeUnit.MINUTES)
            .bodyAsJsonObject();
    long docs = status.getLong("documents_read");
    long bytes;
    try (Stream<Path> files = Files.walk(root.resolve("datasets/bench"))) {
      bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    String live = probe ? String.format(", peak live heap %d MiB", heap.peakLive() >> 20) : "";
    System.out.printf(
        "%s: %,d documents, %,d rows, %.1f s, %,.0f documents/s, peak heap used %d MiB,"
            + " peak heap after a GC %d MiB%s, dataset %.1f MiB%n",
        label,
        docs,
        status.getLong("rows_written"),
        seconds,
        docs / seconds,
        heap.peakUsed() >> 20,
        heap.peakAfterGc() >> 20,
        live,
        bytes / 1048576.0);
  }

  private static void deleteTree(Path root) throws Exception {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
