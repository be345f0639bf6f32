package eu.opeva.coordinator.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One fault-injection run against real processes: a coordinator and several agents on a fresh
 * shared directory, a mixed workload, SIGKILLs of the coordinator and agents at seeded random
 * moments (some coordinator lives with storage faults), then a quiet phase in which everything is
 * let to finish, and the invariants checked on what the driver recorded, the final state of every
 * job and the agents' journals. See docs/reliability.md, "Fault-injection suite".
 */
public final class ChaosRun {
  private final ChaosSettings settings;
  private final Consumer<String> out;

  public ChaosRun(ChaosSettings settings, Consumer<String> out) {
    this.settings = settings;
    this.out = out;
  }

  public ChaosReport run() throws Exception {
    long started = System.nanoTime();
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path runDir =
        Files.createDirectories(
            settings.workDir().resolve("chaos-" + settings.seed() + "-" + stamp).toAbsolutePath());
    if (runDir.toString().contains(" ")) {
      throw new IllegalArgumentException("the run folder must have no spaces: " + runDir);
    }
    Path shared = Files.createDirectories(runDir.resolve("shared"));
    out.accept("chaos: " + settings.describe());
    out.accept("chaos: run folder " + runDir);
    Ledger ledger = new Ledger();
    int port = freePort();
    List<String> workers = Fleet.workerIds(settings.agents());
    JobMix mix = new JobMix(settings, workers);
    String command = mix.prepare(shared, runDir);
    ChaosHttp http = new ChaosHttp(port);
    List<Verdict> verdicts;
    List<String> summary = new ArrayList<>();
    try (Fleet fleet = new Fleet(settings, runDir, shared, port, command, ledger)) {
      fleet.startCoordinator(false, 0);
      for (int i = 0; i < settings.agents(); i++) {
        fleet.startAgent(i);
      }
      Duration listingEvery = Duration.ofSeconds(settings.chaos().toSeconds() > 120 ? 15 : 8);
      Sampler sampler = new Sampler(ledger, http, listingEvery, settings.seed());
      Workload workload = new Workload(settings, ledger, http, mix, workers);
      FaultSchedule faults = new FaultSchedule(settings, fleet);
      sampler.start();
      workload.start();
      faults.start();
      long chaosStart = System.nanoTime();
      progress(chaosStart, ledger, fleet, () -> failure(workload, faults));
      workload.stop();
      faults.stop();
      long chaosEnd = System.nanoTime();
      out.accept("chaos: chaos over; quiet phase (every process up, no faults, no new work)");
      QuietPhase quiet = new QuietPhase(ledger, http, sampler, fleet);
      List<String> left = quiet.await(settings.quietLimit());
      long quietEnd = System.nanoTime();
      sampler.stop();
      quiet.collect();
      fleet.awaitWatches();
      List<Journals.Run> runs = new ArrayList<>();
      List<AgentLife> lives = new ArrayList<>();
      int torn = 0;
      for (String w : workers) {
        Journals.Read read = Journals.read(fleet.journal(w));
        torn += read.unreadable();
        List<AgentLife> of = fleet.lives(w);
        lives.addAll(of);
        runs.addAll(Journals.runs(w, read.lines(), of));
      }
      List<TrackedJob> jobs = ledger.jobs();
      for (String l : left) {
        ledger.violation("acknowledged", "not over when the quiet phase ended: " + l);
      }
      summary.add(
          String.format(
              "chaos: seed %d: %d s of chaos, quiet phase %d s (%s), %d s in all",
              settings.seed(),
              (chaosEnd - chaosStart) / 1_000_000_000L,
              (quietEnd - chaosEnd) / 1_000_000_000L,
              left.isEmpty() ? "every job ended" : left.size() + " things not over at its limit",
              (System.nanoTime() - started) / 1_000_000_000L));
      summary.add(
          String.format(
              "chaos: coordinator kills %d (%d lives, %d of them long, %d with storage faults),"
                  + " agent kills %d (%d past the offline TTL)",
              fleet.coordinatorKills(),
              fleet.coordinatorStarts(),
              faults.longLives(),
              fleet.faultyLives(),
              fleet.agentKills(),
              faults.longDowns()));
      summary.add(
          String.format(
              "chaos: jobs %d acknowledged, %d pipelines, %d looks (%d listings, %d of them"
                  + " with a delete in flight)",
              jobs.stream().filter(TrackedJob::acknowledged).count(),
              ledger.pipelines().size(),
              ledger.observationCount(),
              sampler.listings(),
              sampler.listingsWithDeletes()));
      summary.add("chaos: requests answered 200 / sent: " + requests(ledger.counters()));
      StateChecks state = new StateChecks(jobs, ledger);
      RunChecks ran = new RunChecks(runs, lives, torn);
      SchedulingChecks scheduling = new SchedulingChecks(jobs, ran.byJob());
      verdicts =
          List.of(
              state.terminalEnd(),
              state.terminalKept(),
              state.versionsKept(),
              state.deletesKept(),
              state.fieldsKept(),
              ReportChecks.fencedRefused(workload.fenced().probes(), jobs),
              ran.oneAttemptAtATime(),
              ran.diedWithAgents(),
              scheduling.dependencies(),
              scheduling.attempts(Fleet.defaultMaxAttempts()));
    }
    ChaosReport report = new ChaosReport(settings.seed(), summary, verdicts, runDir);
    if (report.passed() && !settings.keep()) {
      deleteTree(runDir);
    }
    return report;
  }

  private static Throwable failure(Workload workload, FaultSchedule faults) {
    return workload.failure() != null ? workload.failure() : faults.failure();
  }

  /**
   * Waits out the chaos phase, printing a line of progress now and then; ends it early when a
   * thread of the driver failed (its stop then reports why).
   */
  private void progress(
      long start, Ledger ledger, Fleet fleet, java.util.function.Supplier<Throwable> failed)
      throws InterruptedException {
    long end = start + settings.chaos().toNanos();
    long every = settings.chaos().toSeconds() > 120 ? 60 : 20;
    long next = start + every * 1_000_000_000L;
    while (System.nanoTime() < end && failed.get() == null) {
      Thread.sleep(Math.max(1, Math.min(1000, (end - System.nanoTime()) / 1_000_000)));
      if (System.nanoTime() >= next) {
        next += every * 1_000_000_000L;
        out.accept(
            String.format(
                "chaos: %d s: %d jobs acknowledged, %d open; coordinator kills %d, agent kills %d",
                (System.nanoTime() - start) / 1_000_000_000L,
                ledger.jobs().stream().filter(TrackedJob::acknowledged).count(),
                ledger.open(),
                fleet.coordinatorKills(),
                fleet.agentKills()));
      }
    }
  }

  private static String requests(Map<String, Ledger.Counter> counters) {
    List<String> parts = new ArrayList<>();
    counters.forEach((k, v) -> parts.add(k + " " + v));
    return String.join(", ", parts);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      out.accept("chaos: the run folder " + root + " could not be removed entirely: " + e);
    }
  }
}
