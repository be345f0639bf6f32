package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.domain.JobProfile;
import eu.opeva.coordinator.domain.QueueEntry;
import eu.opeva.coordinator.settings.HostSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * JMH micro-benchmark of the queue's dispatch decision ({@link JobQueue#pickFor}, the choice of the
 * next job for a polling worker) with a large backlog: {@code queued} jobs (100,000) over 100
 * hosts, 10% pinned ({@code require_host}) to a host with slots for their profile, 15% preferring
 * one (which the queue treats as runnable anywhere, as the replaced service did), the rest free; 8%
 * {@code gpu}; priorities drawn by {@code mix} and aged (60 s a point); 1% held aside for a retry's
 * backoff ({@code not_before}). The hosts: 5 pinned-only (one of them with no job pinned to it), 10
 * without slot limits, the others 2..16 {@code cpu} slots and, three in ten, 1..4 {@code gpu}
 * slots. Not a test: run by {@code scripts/bench-queue}, which passes JMH's options on (defaults
 * below: one fork, 3 warm-up and 5 measured iterations of 1 s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class QueueDecisionsBench {
  static final int HOSTS = 100;
  static final int PINNED_ONLY = 5;
  static final int UNLIMITED = 10;
  static final int PINNED_PERCENT = 10;
  static final int PREFERRING_PERCENT = 15;
  static final int GPU_PERCENT = 8;
  static final int HELD_PERCENT = 1;
  static final int RETRY_PERCENT = 2;
  static final long AGING_MS = 60_000;
  static final long WINDOW_MS = 6 * 3_600_000L;
  static final long MIN_BACKOFF_MS = 10_000;
  static final long MAX_BACKOFF_MS = 360_000;
  static final long T0 = 1_796_000_000_000L;

  /** How long (in polls of the whole fleet) a dispatched job holds its slot in {@link #churn}. */
  static final int LIFETIME_POLLS = 850;

  /** The pinned-only host no job is pinned to: nothing in the queue matches its polls. */
  static final int IDLE_HOST = HOSTS - 1;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final String[] USERS = {"ana", "bruno", "carla", "diogo", "eva", "filipe"};

  /** The number of queued jobs. */
  @Param({"100000"})
  public int queued;

  /**
   * How priorities are drawn: {@code fifo} all 0 (the replaced service's oldest-first order),
   * {@code uniform} in -100..100, {@code skewed} 65% at 0, 15% at 10, 8% at 50, 2% at 100, 10% at
   * -20.
   */
  @Param({"fifo", "skewed", "uniform"})
  public String mix;

  private JobQueue queue;
  private final Host[] hosts = new Host[HOSTS];
  private final Map<String, Host> byName = new HashMap<>();
  private final JobQueue.Slots slots = (host, profile) -> byName.get(host).free(profile);
  private SplittableRandom shape;
  private SplittableRandom priorities;
  private final int[] running = new int[LIFETIME_POLLS];

  /**
   * By profile, the hosts but the idle one with slots for it: pinned jobs go only there, so none
   * waits for ever and {@link #churn} does not drift towards a queue of jobs nobody may take.
   */
  private final String[][] runs = new String[2][];

  /** Decisions made (one per operation of every benchmark), and those that got a job. */
  private long polls;

  private long dispatched;
  private long iterationCpuNs;
  private long iterationPolls;
  private long measuredCpuNs;
  private long measuredPolls;
  private int ring;
  private int turn;
  private long now;
  private long stepMs;
  private long seq;

  private static final class Host {
    final String name;
    final HostSettings settings;
    final int[] used = new int[2];

    Host(String name, HostSettings settings) {
      this.name = name;
      this.settings = settings;
    }

    boolean free(String profile) {
      return !settings.hasSlots() || used[index(profile)] < settings.slotsFor(profile);
    }
  }

  /**
   * The hosts and the backlog, outside measurement: enqueue times evenly over the last six hours,
   * the held-aside jobs due during the first minutes of {@link #churn}. Checks that the decisions
   * measured are the ones named: every host but {@link #IDLE_HOST} gets a job, that one none.
   * Collects the garbage of the fill before measuring.
   */
  @Setup(Level.Trial)
  public void fill() {
    queue = new JobQueue(new QueueHint(), AGING_MS);
    shape = new SplittableRandom(42);
    priorities = new SplittableRandom(4242);
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < HOSTS; i++) {
      Map<String, Integer> max;
      if (i < UNLIMITED) {
        max = Map.of();
      } else {
        int gpu = r.nextInt(10) < 3 ? 1 + r.nextInt(4) : 0;
        max = Map.of(JobProfile.CPU, 2 + r.nextInt(15), JobProfile.GPU, gpu);
      }
      HostSettings s =
          new HostSettings(
              i >= HOSTS - PINNED_ONLY, max, Optional.empty(), Optional.empty(), false, List.of());
      hosts[i] = new Host(String.format("node-%03d", i), s);
      byName.put(hosts[i].name, hosts[i]);
    }
    for (String profile : JobProfile.ALL) {
      runs[index(profile)] =
          Arrays.stream(hosts, 0, IDLE_HOST)
              .filter(h -> h.settings.slotsFor(profile) > 0)
              .map(h -> h.name)
              .toArray(String[]::new);
    }
    Arrays.fill(running, -1);
    stepMs = WINDOW_MS / queued;
    now = T0;
    for (int i = 0; i < queued; i++) {
      long at = T0 - WINDOW_MS + i * stepMs;
      boolean held = shape.nextInt(100) < HELD_PERCENT;
      long failedAgo = shape.nextLong(10_000);
      queue.add(
          held ? entry(null, T0 - failedAgo, T0 - failedAgo + backoff()) : entry(null, at, null),
          now);
    }
    for (int h = 0; h < HOSTS; h++) {
      QueueEntry q = pick(h);
      if ((q == null) != (h == IDLE_HOST)) {
        throw new IllegalStateException(hosts[h].name + " got " + q);
      }
    }
    // The backlog moves to the old generation now, not in young collections while measuring.
    System.gc();
    System.gc();
  }

  /** The decision for a worker with jobs it may take: the hosts but the idle one, in turn. */
  @Benchmark
  public void pickMatching(Blackhole bh) {
    turn = turn + 1 == IDLE_HOST ? 0 : turn + 1;
    bh.consume(pick(turn));
  }

  /**
   * The decision for a worker nothing queued matches: the pinned-only host no job is pinned to,
   * polling while 100,000 jobs wait for others.
   */
  @Benchmark
  public void pickNoneMatching(Blackhole bh) {
    bh.consume(pick(IDLE_HOST));
  }

  /**
   * Churn, one poll of the fleet's turn at a time with the clock moving: the job dispatched {@value
   * #LIFETIME_POLLS} polls ago frees its slot; the host's decision (which also moves held-aside
   * jobs whose backoff ended into their sets); when it got a job, the job's removal, as {@code
   * Dispatcher.dispatchNext} does, and a new job's enqueue (2% retries held aside for a backoff),
   * which keeps the queue at its size. Hosts with few slots are often full, so some polls get none.
   */
  @Benchmark
  public void churn(Blackhole bh) {
    int code = running[ring];
    if (code >= 0) {
      hosts[code >> 1].used[code & 1]--;
      running[ring] = -1;
    }
    now += stepMs;
    turn = turn + 1 == HOSTS ? 0 : turn + 1;
    QueueEntry q = pick(turn);
    if (q != null) {
      dispatched++;
      queue.remove(q.jobId());
      int p = index(q.profile());
      hosts[turn].used[p]++;
      running[ring] = turn * 2 + p;
      boolean retry = shape.nextInt(100) < RETRY_PERCENT;
      bh.consume(queue.add(entry(q.jobId(), now, retry ? now + backoff() : null), now));
    }
    ring = ring + 1 == LIFETIME_POLLS ? 0 : ring + 1;
    bh.consume(q);
  }

  @Setup(Level.Iteration)
  public void startIteration() {
    iterationCpuNs = THREADS.getCurrentThreadCpuTime();
    iterationPolls = polls;
  }

  /** Sums the benchmark thread's CPU time over the measured iterations (run on that thread). */
  @TearDown(Level.Iteration)
  public void endIteration(IterationParams iteration) {
    if (iteration.getType() == IterationType.MEASUREMENT) {
      measuredCpuNs += THREADS.getCurrentThreadCpuTime() - iterationCpuNs;
      measuredPolls += polls - iterationPolls;
    }
  }

  /**
   * Prints what an operation cost in the benchmark thread's CPU time (JMH's score is wall time,
   * which on a shared machine also counts the moments other processes held the core) and, after
   * {@link #churn}, how many polls got a job: most, as on a busy fleet where hosts with few slots
   * are often full. Fails the run when fewer than half did, as it would no longer measure
   * dispatches.
   */
  @TearDown(Level.Trial)
  public void report() {
    System.out.printf(
        "%nthread CPU time per operation, measured iterations: %.1f ns (%,d operations)%n",
        measuredCpuNs / (double) measuredPolls, measuredPolls);
    if (dispatched > 0) {
      System.out.printf("%,d polls, %.0f%% got a job%n", polls, 100.0 * dispatched / polls);
      if (dispatched * 2 < polls) {
        throw new IllegalStateException("fewer than half the polls got a job");
      }
    }
  }

  private QueueEntry pick(int h) {
    polls++;
    Host host = hosts[h];
    return queue.pickFor(host.name, host.settings, slots, now);
  }

  /**
   * A job entering at {@code at}: a new one, or (in {@link #churn}) a new job under the id of the
   * one just taken, so ids need not be made while measuring.
   */
  private QueueEntry entry(String id, long at, Long notBefore) {
    int placement = shape.nextInt(100);
    String profile = shape.nextInt(100) < GPU_PERCENT ? JobProfile.GPU : JobProfile.CPU;
    // Pinned to a host that runs the profile (but the idle one); preferring any host.
    String[] takers = runs[index(profile)];
    String pinnedTo = takers[shape.nextInt(takers.length)];
    String preferred = hosts[shape.nextInt(HOSTS)].name;
    boolean pinned = placement < PINNED_PERCENT;
    boolean preferring = !pinned && placement < PINNED_PERCENT + PREFERRING_PERCENT;
    String user = USERS[shape.nextInt(USERS.length)];
    String jobId = id != null ? id : new UUID(shape.nextLong(), shape.nextLong()).toString();
    return new QueueEntry(
        jobId,
        pinned ? pinnedTo : preferring ? preferred : null,
        pinned,
        at,
        user,
        profile,
        seq++,
        priority(),
        notBefore);
  }

  private long backoff() {
    return MIN_BACKOFF_MS + shape.nextLong(MAX_BACKOFF_MS - MIN_BACKOFF_MS + 1);
  }

  private int priority() {
    int u = priorities.nextInt(201);
    return switch (mix) {
      case "fifo" -> 0;
      case "uniform" -> u - 100;
      case "skewed" -> u < 130 ? 0 : u < 160 ? 10 : u < 176 ? 50 : u < 180 ? 100 : -20;
      default -> throw new IllegalArgumentException("mix " + mix);
    };
  }

  private static int index(String profile) {
    return JobProfile.GPU.equals(profile) ? 1 : 0;
  }
}
