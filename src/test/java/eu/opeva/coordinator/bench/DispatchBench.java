package eu.opeva.coordinator.bench;

import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.testing.JobDriver;
import eu.opeva.coordinator.testing.MutableClock;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Dispatch figures through a real coordinator (server and client in this JVM, fsync on): the
 * long-poll hand-off (a job submitted while 50 workers wait, from sending the submission to the
 * payload arriving), and the in-process cost of one submission and of one dispatch. Run by {@code
 * scripts/bench-dispatch}. Arguments: hand-off rounds (20), submissions and dispatches (200).
 */
public final class DispatchBench {
  private static final int WAITING = 50;

  private DispatchBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Path root = Files.createTempDirectory("opeva-bench-dispatch");
    Files.createDirectories(root.resolve("configs"));
    Files.writeString(
        root.resolve("configs/" + JobDriver.DEMO_CONFIG), "experiment:\n  name: Bench\n");
    String hosts =
        IntStream.range(0, WAITING).mapToObj(i -> "w" + i).collect(Collectors.joining(","));
    Vertx vertx = Vertx.vertx();
    TestCoordinator tc =
        TestCoordinator.start(vertx, root, new MutableClock(), Map.of("AVAILABLE_HOSTS", hosts));
    JobDriver jobs = new JobDriver(tc);
    System.out.printf(
        "JVM %s, max heap %d MiB, %d cores, fsync %s%n",
        Runtime.version(),
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors(),
        tc.config.storage().fsync());
    try {
      for (int i = 0; i < 3; i++) {
        handOff(tc, jobs); // warm-up: class loading and the first hand-offs are not the figure
      }
      double[] handOff = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        handOff[i] = handOff(tc, jobs);
      }
      print("long-poll hand-off, a job submitted while " + WAITING + " workers wait", handOff);
      print("submit (POST /run-simulation), one at a time", submissions(jobs, calls));
      print(
          "dispatch (POST /api/agent/next-job with a job queued), one at a time",
          dispatches(jobs, calls));
    } finally {
      tc.close();
      vertx.close().await(1, TimeUnit.MINUTES);
      deleteTree(root);
    }
  }

  /** One round: 50 parked polls, one submission; milliseconds until the payload arrived. */
  private static double handOff(TestCoordinator tc, JobDriver jobs) throws Exception {
    AtomicLong receivedAt = new AtomicLong();
    List<Future<HttpResponse<Buffer>>> polls = new ArrayList<>();
    for (int i = 0; i < WAITING; i++) {
      polls.add(
          jobs.pollAsync("w" + i, 1)
              .onSuccess(
                  r -> {
                    if (r.statusCode() == 200) {
                      receivedAt.set(System.nanoTime());
                    }
                  }));
    }
    DispatchClient dispatch = new DispatchClient(tc.vertx);
    while (TestCoordinator.await(dispatch.stats()).getInteger("waiting_polls") < WAITING) {
      Thread.sleep(1);
    }
    long sent = System.nanoTime();
    jobs.submit();
    List<HttpResponse<Buffer>> responses = TestCoordinator.await(Future.all(polls)).list();
    long served = responses.stream().filter(r -> r.statusCode() == 200).count();
    if (served != 1 || receivedAt.get() == 0) {
      throw new IllegalStateException(served + " workers received the job");
    }
    return (receivedAt.get() - sent) / 1e6;
  }

  private static double[] submissions(JobDriver jobs, int calls) {
    double[] ms = new double[calls];
    for (int i = 0; i < calls; i++) {
      long started = System.nanoTime();
      jobs.submit();
      ms[i] = (System.nanoTime() - started) / 1e6;
    }
    return ms;
  }

  /** Dispatches the jobs queued by {@link #submissions}, one poll each. */
  private static double[] dispatches(JobDriver jobs, int calls) {
    double[] ms = new double[calls];
    for (int i = 0; i < calls; i++) {
      long started = System.nanoTime();
      if (jobs.poll("w" + (i % WAITING)) == null) {
        throw new IllegalStateException("no job to dispatch at call " + i);
      }
      ms[i] = (System.nanoTime() - started) / 1e6;
    }
    return ms;
  }

  private static void print(String what, double[] ms) {
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    System.out.printf(
        "%s: %d rounds, p50 %.1f ms, p90 %.1f ms, max %.1f ms%n",
        what, n, sorted[n / 2], sorted[n * 9 / 10], sorted[n - 1]);
  }

  private static void deleteTree(Path root) throws Exception {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
