package eu.opeva.coordinator.dispatch;

import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The hand-off latency of a long poll is measured by {@code bench/DispatchBench}. */
@DisplayName("Dispatch under concurrency: long polls and racing workers")
class DispatchConcurrencyTest extends CoordinatorHttpTest {
  static final int WORKERS = 200;

  @Override
  protected Map<String, String> env() {
    return Map.of(
        "AVAILABLE_HOSTS",
        IntStream.range(0, WORKERS).mapToObj(i -> "w" + i).collect(Collectors.joining(",")));
  }

  private void awaitWaitingPolls(int n) {
    DispatchClient dispatch = new DispatchClient(tc.vertx);
    eventually(
        Duration.ofSeconds(10),
        n + " polls parked",
        () -> TestCoordinator.await(dispatch.stats()).getInteger("waiting_polls") >= n);
  }

  @Test
  @DisplayName("a job submitted while 50 workers long-poll reaches exactly one of them")
  void longPollHandsOff() {
    List<Future<HttpResponse<Buffer>>> polls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      polls.add(jobs.pollAsync("w" + i, 3));
    }
    awaitWaitingPolls(50);
    String id = jobs.submit();
    List<HttpResponse<Buffer>> responses = TestCoordinator.await(Future.all(polls)).list();
    assertThat(responses.stream().filter(r -> r.statusCode() == 200))
        .singleElement()
        .satisfies(r -> assertThat(r.bodyAsJsonObject().getString("job_id")).isEqualTo(id));
    assertThat(responses.stream().filter(r -> r.statusCode() == 204)).hasSize(49);
  }

  @Test
  @DisplayName("200 concurrent workers racing for 2,000 jobs dispatch each job exactly once")
  void racingWorkers() throws Exception {
    List<String> submitted = jobs.submitMany(2000);
    assertThat(submitted).hasSize(2000).doesNotHaveDuplicates();

    Map<String, List<String>> byJob = new ConcurrentHashMap<>();
    AtomicLong polls = new AtomicLong();
    List<Future<Void>> workers = new ArrayList<>();
    for (int i = 0; i < WORKERS; i++) {
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
    assertThat(polls.get())
        .as("every job took a poll, and every worker ended on a 204")
        .isEqualTo(2000 + WORKERS);
  }

  /** One worker polling until it gets 204; every job it gets is recorded under its id. */
  private Future<Void> drain(String worker, Map<String, List<String>> byJob, AtomicLong polls) {
    Promise<Void> done = Promise.promise();
    Runnable[] next = new Runnable[1];
    next[0] =
        () ->
            jobs.pollAsync(worker, 0)
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
                              k -> Collections.synchronizedList(new ArrayList<>()))
                          .add(worker);
                      next[0].run();
                    });
    next[0].run();
    return done.future();
  }
}
