package eu.opeva.coordinator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.MutableClock;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("Dispatch under concurrency: long polls and racing workers")
class DispatchConcurrencyTest {
  @TempDir Path root;
  TestCoordinator tc;

  @AfterEach
  void stop() {
    if (tc != null) {
      tc.close();
    }
  }

  private void start(Vertx vertx, int workers) throws Exception {
    Files.createDirectories(root.resolve("configs"));
    Files.writeString(root.resolve("configs/demo.yaml"), "experiment:\n  name: Race\n");
    String hosts =
        IntStream.range(0, workers).mapToObj(i -> "w" + i).collect(Collectors.joining(","));
    tc = TestCoordinator.start(vertx, root, new MutableClock(), Map.of("AVAILABLE_HOSTS", hosts));
  }

  private Future<HttpResponse<Buffer>> poll(String worker, double wait) {
    return tc.client
        .post(tc.port(), "127.0.0.1", "/api/agent/next-job")
        .sendJsonObject(new JsonObject().put("worker_id", worker).put("wait_seconds", wait));
  }

  private void awaitWaitingPolls(int n) throws InterruptedException {
    DispatchClient dispatch = new DispatchClient(tc.vertx);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (TestCoordinator.await(dispatch.stats()).getInteger("waiting_polls") < n) {
      assertThat(System.nanoTime()).as("polls parked in time").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  @DisplayName(
      "a job submitted while 50 workers long-poll reaches exactly one of them within 50 ms")
  void longPollHandsOffAtOnce(Vertx vertx) throws Exception {
    start(vertx, 50);
    // Warm up the whole path once (a parked poll served by a submission), so the figure is the
    // steady
    // state rather than class loading on the first hand-off.
    for (int i = 0; i < 3; i++) {
      var warm = poll("w0", 3);
      awaitWaitingPolls(1);
      tc.post("/run-simulation", new JsonObject().put("config_path", "demo.yaml"));
      assertThat(TestCoordinator.await(warm).statusCode()).isEqualTo(200);
    }
    Map<String, Long> receivedAt = new ConcurrentHashMap<>();
    List<Future<HttpResponse<Buffer>>> polls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String worker = "w" + i;
      polls.add(
          poll(worker, 3)
              .onSuccess(
                  r -> {
                    if (r.statusCode() == 200) {
                      receivedAt.put(
                          worker + ":" + r.bodyAsJsonObject().getString("job_id"),
                          System.nanoTime());
                    }
                  }));
    }
    awaitWaitingPolls(50);
    long sent = System.nanoTime();
    String id =
        tc.post("/run-simulation", new JsonObject().put("config_path", "demo.yaml"))
            .bodyAsJsonObject()
            .getString("job_id");
    List<HttpResponse<Buffer>> responses = TestCoordinator.await(Future.all(polls)).list();
    assertThat(responses.stream().filter(r -> r.statusCode() == 200)).hasSize(1);
    assertThat(responses.stream().filter(r -> r.statusCode() == 204)).hasSize(49);
    assertThat(receivedAt).hasSize(1);
    var hit = receivedAt.entrySet().iterator().next();
    assertThat(hit.getKey()).endsWith(":" + id);
    long latencyMs = (hit.getValue() - sent) / 1_000_000;
    System.out.println(
        "long-poll hand-off: submit sent -> payload received in " + latencyMs + " ms");
    assertThat(latencyMs).isLessThan(50);
  }

  @Test
  @DisplayName("200 concurrent workers racing for 2,000 jobs dispatch each job exactly once")
  void racingWorkers(Vertx vertx) throws Exception {
    start(vertx, 200);
    List<String> submitted = new ArrayList<>();
    for (int batch = 0; batch < 2000 / 50; batch++) {
      List<Future<HttpResponse<Buffer>>> posts = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        posts.add(
            tc.client
                .post(tc.port(), "127.0.0.1", "/run-simulation")
                .sendJsonObject(new JsonObject().put("config_path", "demo.yaml")));
      }
      TestCoordinator.await(Future.all(posts))
          .<HttpResponse<Buffer>>list()
          .forEach(r -> submitted.add(r.bodyAsJsonObject().getString("job_id")));
    }
    assertThat(submitted).hasSize(2000).doesNotHaveDuplicates();

    Map<String, List<String>> byJob = new ConcurrentHashMap<>();
    AtomicLong polls = new AtomicLong();
    List<Future<Void>> workers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      workers.add(drain("w" + i, byJob, polls));
    }
    TestCoordinator.await(Future.all(workers));
    assertThat(byJob.keySet()).containsExactlyInAnyOrderElementsOf(submitted);
    assertThat(byJob.values()).allSatisfy(holders -> assertThat(holders).hasSize(1));
    try (Stream<Path> q = Files.list(root.resolve("queue"))) {
      Map<Boolean, Long> files =
          q.collect(
              Collectors.partitioningBy(
                  p -> p.getFileName().toString().contains(".claim."), Collectors.counting()));
      assertThat(files.get(false)).as("no queue entry left").isZero();
      assertThat(files.get(true)).as("one claim per dispatched job").isEqualTo(2000);
    }
    System.out.println(
        "race: 2000 jobs dispatched once each over " + polls.get() + " polls by 200 workers");
  }

  /** One worker polling until it gets 204; every job it gets is recorded under its id. */
  private Future<Void> drain(String worker, Map<String, List<String>> byJob, AtomicLong polls) {
    Promise<Void> done = Promise.promise();
    Runnable[] next = new Runnable[1];
    next[0] =
        () ->
            poll(worker, 0)
                .onFailure(done::fail)
                .onSuccess(
                    r -> {
                      polls.incrementAndGet();
                      if (r.statusCode() == 204) {
                        done.complete();
                        return;
                      }
                      byJob
                          .computeIfAbsent(
                              r.bodyAsJsonObject().getString("job_id"),
                              k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                          .add(worker);
                      next[0].run();
                    });
    next[0].run();
    return done.future();
  }
}
