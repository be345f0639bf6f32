package eu.opeva.coordinator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.Scrape;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Two Vert.x instances in one JVM each report into their own coordinator's registry")
class MetricsIsolationTest {

  private static double workerTasks(Metrics m) {
    return new Scrape(m.registry().scrape())
        .sum("vertx_pool_usage_seconds_count", "pool_name", "vert.x-worker-thread");
  }

  private static void run(Vertx vertx, int tasks) throws Exception {
    List<Future<Integer>> all = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      all.add(vertx.executeBlocking(() -> 1));
    }
    Future.all(all).await(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("worker tasks of one instance are counted in its registry only")
  void ownRegistries() throws Exception {
    try (Metrics a = Metrics.create();
        Metrics b = Metrics.create()) {
      Vertx va = a.newVertx(new VertxOptions());
      Vertx vb = b.newVertx(new VertxOptions());
      try {
        run(va, 3);
        run(vb, 1);
        assertThat(workerTasks(a)).isEqualTo(3);
        assertThat(workerTasks(b)).isEqualTo(1);
      } finally {
        va.close().await(30, TimeUnit.SECONDS);
        vb.close().await(30, TimeUnit.SECONDS);
      }
    }
  }
}
