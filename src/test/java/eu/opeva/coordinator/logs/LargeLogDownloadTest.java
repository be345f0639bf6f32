package eu.opeva.coordinator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.GarbageCollectionNotificationInfo;
import eu.opeva.coordinator.testing.JobDriver;
import eu.opeva.coordinator.testing.MutableClock;
import eu.opeva.coordinator.testing.StreamReader;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.junit5.VertxExtension;
import java.io.RandomAccessFile;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@ExtendWith(VertxExtension.class)
@DisplayName("A 1 GiB log downloads with a flat heap")
class LargeLogDownloadTest {
  private static final Logger LOG = LoggerFactory.getLogger(LargeLogDownloadTest.class);
  static final long GIB = 1L << 30;
  static final long LIMIT = 256L << 20;

  @TempDir Path root;
  TestCoordinator tc;
  HttpClient http;

  @BeforeEach
  void start(Vertx vertx) {
    tc = TestCoordinator.start(vertx, root, new MutableClock(), Map.of());
    http = vertx.createHttpClient();
  }

  @AfterEach
  void stop() {
    http.close();
    tc.close();
  }

  @Test
  @DisplayName(
      "the heap in use (live data after each collection, and as sampled) stays under 256 MiB")
  void oneGibibyte() throws Exception {
    String id = new JobDriver(tc).running("worker-a");
    Path log = Files.createDirectories(root.resolve("jobs/" + id + "/logs")).resolve(id + ".log");
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
      file.setLength(GIB); // sparse: reads as zeros, costs no disk
      file.seek(GIB - 5);
      file.write("end!\n".getBytes());
    }
    System.gc();

    HeapWatch heap = new HeapWatch();
    long started = System.nanoTime();
    StreamReader reader = StreamReader.open(http, tc.port(), "/file-logs/" + id, false);
    assertThat(reader.status()).isEqualTo(200);
    reader.awaitEnd(Duration.ofMinutes(3));
    double seconds = (System.nanoTime() - started) / 1e9;
    heap.stop();

    assertThat(reader.count()).isEqualTo(GIB);
    LOG.info(
        "1 GiB log: {} s ({} MiB/s); heap live after GC max {} MiB over {} collections, sampled max {} MiB",
        String.format("%.1f", seconds),
        Math.round(1024 / seconds),
        heap.maxAfterGc() >> 20,
        heap.collections(),
        heap.maxSampled() >> 20);
    assertThat(heap.collections())
        .as("the download produced garbage, so collections ran")
        .isPositive();
    assertThat(heap.maxAfterGc()).as("live heap after each collection").isLessThan(LIMIT);
    assertThat(heap.maxSampled()).as("heap in use, sampled every 10 ms").isLessThan(LIMIT);
  }

  /** Heap in use: sampled every 10 ms, and the live heap reported after every collection. */
  static final class HeapWatch {
    private final AtomicLong maxSampled = new AtomicLong();
    private final AtomicLong maxAfterGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final List<Runnable> undo = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    HeapWatch() {
      NotificationListener listener =
          (n, hb) -> {
            if (!n.getType()
                .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
              return;
            }
            var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long live =
                info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                    .mapToLong(MemoryUsage::getUsed)
                    .sum();
            collections.incrementAndGet();
            maxAfterGc.accumulateAndGet(live, Math::max);
          };
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        NotificationEmitter emitter = (NotificationEmitter) gc;
        emitter.addNotificationListener(listener, null, null);
        undo.add(
            () -> {
              try {
                emitter.removeNotificationListener(listener);
              } catch (Exception ignored) {
                // already removed
              }
            });
      }
      var memory = ManagementFactory.getMemoryMXBean();
      sampler =
          new Thread(
              () -> {
                while (running) {
                  maxSampled.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    void stop() throws InterruptedException {
      running = false;
      sampler.join();
      undo.forEach(Runnable::run);
    }

    long maxSampled() {
      return maxSampled.get();
    }

    long maxAfterGc() {
      return maxAfterGc.get();
    }

    long collections() {
      return collections.get();
    }
  }
}
