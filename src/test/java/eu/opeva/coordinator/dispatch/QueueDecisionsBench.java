package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.domain.JobProfile;
import eu.opeva.coordinator.domain.QueueEntry;
import eu.opeva.coordinator.settings.HostSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The cost of one dispatch decision of the in-memory queue ({@link JobQueue}) with a large backlog:
 * mixed priorities against every priority 0 (FIFO order, the baseline), in one JVM, the orders
 * alternated round by round; then the same at 10k, 100k and 1M queued jobs. A decision is one
 * worker's poll answered: {@code pickFor} (which also moves held-aside jobs whose backoff ended)
 * and, when it found a job, {@code remove}; a new job then keeps the queue at its size, its {@code
 * add} timed apart. Run by {@code scripts/bench-queue}, which exits non-zero when mixed priorities
 * cost more than twice FIFO per decision or the cost grows like a scan. Arguments: queued jobs
 * (100000), measured rounds (10), warm-up rounds (5), polls per round (50000), queue sizes of the
 * scaling line (10000,100000,1000000).
 */
public final class QueueDecisionsBench {
  private static final int HOSTS = 100;
  private static final int PINNED_ONLY = 5;
  private static final int UNLIMITED = 10;
  private static final int PINNED_PERCENT = 10;
  private static final int GPU_PERCENT = 8;
  private static final int HELD_AT_START_PERCENT = 1;
  private static final int RETRY_PERCENT = 2;
  private static final long AGING_MS = 60_000;
  private static final long WINDOW_MS = 6 * 3_600_000L;
  private static final long MIN_BACKOFF_MS = 10_000;
  private static final long MAX_BACKOFF_MS = 360_000;
  private static final long T0 = 1_796_000_000_000L;
  private static final int LIFETIME_POLLS = 850;
  private static final double LIMIT = 2.0;
  private static final String[] USERS = {"ana", "bruno", "carla", "diogo", "eva", "filipe"};
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean WALL = "wall".equals(System.getProperty("bench.clock"));

  /** What reading the clock twice costs, subtracted from every timed stretch. */
  private static long overheadNs;

  private QueueDecisionsBench() {}

  /** How priorities are drawn; FIFO draws too (and drops the value), so the streams stay equal. */
  enum Mix {
    FIFO("fifo (all 0)"),
    UNIFORM("uniform -100..100"),
    SKEWED("skewed");

    final String label;

    Mix(String label) {
      this.label = label;
    }

    int draw(SplittableRandom r) {
      int u = r.nextInt(201);
      return switch (this) {
        case FIFO -> 0;
        case UNIFORM -> u - 100;
        // 65% at 0, 15% at 10, 8% at 50, 2% at 100, 10% at -20 (background sweeps)
        case SKEWED -> u < 130 ? 0 : u < 160 ? 10 : u < 176 ? 50 : u < 180 ? 100 : -20;
      };
    }
  }

  /** Sums of one round of polls. */
  record Round(long polls, long got, long decideNs, long adds, long addNs) {
    double nsPerDecision() {
      return decideNs / (double) polls;
    }

    double nsPerAdd() {
      return addNs / (double) adds;
    }

    double nsPerDecisionAndAdd() {
      return (decideNs + addNs) / (double) polls;
    }

    double hitShare() {
      return got / (double) polls;
    }
  }

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

  /** One queue, its hosts and their slots, a simulated clock and the jobs that keep arriving. */
  private static final class Sim {
    final Mix mix;
    final int size;
    final long stepMs;
    final JobQueue queue = new JobQueue(new QueueHint(), AGING_MS);
    final Host[] hosts = new Host[HOSTS];
    final Map<String, Host> byName = new HashMap<>();
    final JobQueue.Slots slots = (host, profile) -> byName.get(host).free(profile);
    final int[] running = new int[LIFETIME_POLLS];
    final QueueEntry[] pending = new QueueEntry[HOSTS];
    final SplittableRandom shape = new SplittableRandom(42);
    final SplittableRandom priorities = new SplittableRandom(4242);
    int ring;
    long now = T0;
    long seq;
    long retries;

    Sim(Mix mix, int size) {
      this.mix = mix;
      this.size = size;
      this.stepMs = WINDOW_MS / size;
      SplittableRandom r = new SplittableRandom(7);
      for (int i = 0; i < HOSTS; i++) {
        Map<String, Integer> max;
        if (i < UNLIMITED) {
          max = Map.of();
        } else {
          int cpu = 2 + r.nextInt(15);
          int gpu = r.nextInt(10) < 3 ? 1 + r.nextInt(4) : 0;
          max = Map.of(JobProfile.CPU, cpu, JobProfile.GPU, gpu);
        }
        HostSettings s =
            new HostSettings(
                i >= HOSTS - PINNED_ONLY,
                max,
                Optional.empty(),
                Optional.empty(),
                false,
                List.of());
        hosts[i] = new Host(String.format("node-%03d", i), s);
        byName.put(hosts[i].name, hosts[i]);
      }
      Arrays.fill(running, -1);
    }

    /**
     * The backlog: enqueue times evenly over the last six hours, a few jobs held aside for a retry
     * (failed in the last 10 s, backoff 10 s to 6 min) that come due during the first rounds.
     */
    void fill() {
      for (int i = 0; i < size; i++) {
        long at = T0 - WINDOW_MS + i * stepMs;
        long backoff = MIN_BACKOFF_MS + shape.nextLong(MAX_BACKOFF_MS - MIN_BACKOFF_MS + 1);
        long failedAgo = shape.nextLong(10_000);
        boolean held = shape.nextInt(100) < HELD_AT_START_PERCENT;
        QueueEntry e =
            held ? entry(T0 - failedAgo, T0 - failedAgo + backoff) : entry(at, (Long) null);
        queue.add(e, now);
      }
    }

    /**
     * A new job (2% are retries, held aside for their backoff); always the same draws, so every mix
     * sees the same jobs but for their priorities.
     */
    QueueEntry arrival(long at) {
      long backoff = MIN_BACKOFF_MS + shape.nextLong(MAX_BACKOFF_MS - MIN_BACKOFF_MS + 1);
      boolean retry = shape.nextInt(100) < RETRY_PERCENT;
      retries += retry ? 1 : 0;
      return entry(at, retry ? at + backoff : null);
    }

    QueueEntry entry(long at, Long notBefore) {
      long s = seq++;
      boolean pinned = shape.nextInt(100) < PINNED_PERCENT;
      String host = hosts[shape.nextInt(HOSTS)].name;
      String profile = shape.nextInt(100) < GPU_PERCENT ? JobProfile.GPU : JobProfile.CPU;
      String user = USERS[shape.nextInt(USERS.length)];
      String id = new UUID(shape.nextLong(), shape.nextLong()).toString();
      return new QueueEntry(
          id, pinned ? host : null, pinned, at, user, profile, s, mix.draw(priorities), notBefore);
    }

    /** Jobs held aside now (those not in any ready set; counted outside the timed stretches). */
    int heldAside() {
      int ready = 0;
      for (String profile : JobProfile.ALL) {
        ready += count(queue.set(null, profile));
        for (Host h : hosts) {
          ready += count(queue.set(h.name, profile));
        }
      }
      return queue.size() - ready;
    }

    private static int count(Iterable<QueueEntry> set) {
      int n = 0;
      for (QueueEntry ignored : set) {
        n++;
      }
      return n;
    }

    Round round(int polls) {
      long got = 0;
      long decideNs = 0;
      long addNs = 0;
      for (int c = 0; c < polls / HOSTS; c++) {
        // The jobs that end during this cycle free their slots (another event, not timed).
        for (int k = 0; k < HOSTS; k++) {
          int slot = (ring + k) % LIFETIME_POLLS;
          int code = running[slot];
          if (code >= 0) {
            hosts[code >> 1].used[code & 1]--;
            running[slot] = -1;
          }
        }
        long start = now;
        int taken = 0;
        long t0 = clock();
        for (int h = 0; h < HOSTS; h++) {
          now += stepMs;
          Host host = hosts[h];
          QueueEntry q = queue.pickFor(host.name, host.settings, slots, now);
          if (q != null) {
            queue.remove(q.jobId());
            int p = index(q.profile());
            host.used[p]++;
            running[ring] = h * 2 + p;
            taken++;
          }
          ring = ring + 1 == LIFETIME_POLLS ? 0 : ring + 1;
        }
        long t1 = clock();
        for (int i = 0; i < taken; i++) {
          pending[i] = arrival(start + (i + 1) * (now - start) / (taken + 1));
        }
        long t2 = clock();
        for (int i = 0; i < taken; i++) {
          queue.add(pending[i], now);
        }
        long t3 = clock();
        got += taken;
        decideNs += Math.max(0, t1 - t0 - overheadNs);
        addNs += Math.max(0, t3 - t2 - overheadNs);
      }
      if (queue.size() != size) {
        throw new IllegalStateException("queue size " + queue.size() + ", expected " + size);
      }
      int polled = polls / HOSTS * HOSTS;
      return new Round(polled, got, decideNs, got, addNs);
    }
  }

  /**
   * This thread's CPU time (the default: on a shared machine, wall time also counts the moments
   * other processes had the core), or with {@code -Dbench.clock=wall} the wall clock.
   */
  private static long clock() {
    return WALL ? System.nanoTime() : THREADS.getCurrentThreadCpuTime();
  }

  /** The median of many empty timed stretches. */
  private static long calibrate() {
    long[] d = new long[20_001];
    for (int i = 0; i < d.length; i++) {
      long a = clock();
      d[i] = clock() - a;
    }
    Arrays.sort(d);
    return d[d.length / 2];
  }

  private static int index(String profile) {
    return JobProfile.GPU.equals(profile) ? 1 : 0;
  }

  public static void main(String[] args) {
    int queued = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int polls = args.length > 3 ? Integer.parseInt(args[3]) : 50_000;
    int[] scaling =
        Arrays.stream((args.length > 4 ? args[4] : "10000,100000,1000000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    calibrate();
    overheadNs = calibrate();
    System.out.printf(
        "machine: nproc %s (the JVM sees %d), Java %s (%s), max heap %d MiB, timed by %s"
            + " (reading it twice: %d ns, subtracted)%n",
        System.getProperty("bench.nproc", "?"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().maxMemory() >> 20,
        WALL ? "the wall clock" : "the thread's CPU time",
        overheadNs);
    Sim probe = new Sim(Mix.FIFO, queued);
    long gpuHosts =
        Arrays.stream(probe.hosts)
            .filter(h -> !h.settings.hasSlots() || h.settings.slotsFor(JobProfile.GPU) > 0)
            .count();
    System.out.printf(
        "setup: %d queued over %d hosts (%d pinned-only, %d without slot limits, %d that take gpu"
            + " jobs, cpu slots 2..16), %d%% of jobs pinned to a random host, %d%% gpu, %d%% held"
            + " aside at start and %d%% of new jobs retries (backoff %d s..%d min), aging %d s,"
            + " enqueue times over the last %d h, clock +%d ms per poll, a job holds its slot for"
            + " %d polls%n",
        queued,
        HOSTS,
        PINNED_ONLY,
        UNLIMITED,
        gpuHosts,
        PINNED_PERCENT,
        GPU_PERCENT,
        HELD_AT_START_PERCENT,
        RETRY_PERCENT,
        MIN_BACKOFF_MS / 1000,
        MAX_BACKOFF_MS / 60_000,
        AGING_MS / 1000,
        WINDOW_MS / 3_600_000,
        probe.stepMs,
        LIFETIME_POLLS);
    System.out.println(
        "decision: one poll answered, pickFor (with held-aside jobs coming due) + remove when it"
            + " found a job; add: the new job that keeps the queue at its size, timed apart");

    Mix[] mixes = Mix.values();
    Sim[] sims = new Sim[mixes.length];
    for (int m = 0; m < mixes.length; m++) {
      long t = System.nanoTime();
      sims[m] = new Sim(mixes[m], queued);
      sims[m].fill();
      System.out.printf(
          "filled %s: %d jobs in %.0f ms%n", mixes[m].label, queued, (System.nanoTime() - t) / 1e6);
    }
    List<List<Round>> results = alternate(sims, warmUp, rounds, polls);
    System.out.printf(
        "%d warm-up + %d measured rounds of %d polls per order, orders alternated within each"
            + " round; median and p90 across rounds:%n",
        warmUp, rounds, polls);
    double[] decision = new double[mixes.length];
    double[] withAdd = new double[mixes.length];
    int[] held = new int[mixes.length];
    for (int m = 0; m < mixes.length; m++) {
      List<Round> rs = results.get(m);
      double[] d = rs.stream().mapToDouble(Round::nsPerDecision).toArray();
      double[] a = rs.stream().mapToDouble(Round::nsPerAdd).toArray();
      double[] s = rs.stream().mapToDouble(Round::nsPerDecisionAndAdd).toArray();
      double hits = rs.stream().mapToDouble(Round::hitShare).average().orElse(0);
      held[m] = sims[m].heldAside();
      decision[m] = median(d);
      withAdd[m] = median(s);
      System.out.printf(
          "  %-18s decision %6.0f ns (p90 %6.0f), %,10.0f decisions/s, %2.0f%% got a job;"
              + " add %6.0f ns (p90 %6.0f); decision+add %6.0f ns per poll (p90 %6.0f),"
              + " %,10.0f/s%n",
          mixes[m].label,
          decision[m],
          p90(d),
          1e9 / decision[m],
          hits * 100,
          median(a),
          p90(a),
          withAdd[m],
          p90(s),
          1e9 / withAdd[m]);
    }
    boolean ok = true;
    StringBuilder ratios = new StringBuilder("ratio to fifo (medians):");
    StringBuilder perDecision = new StringBuilder();
    for (int m = 1; m < mixes.length; m++) {
      double r = decision[m] / decision[0];
      ok &= r <= LIMIT;
      perDecision.append(
          String.format(
              "%s %s %.2fx fifo", m > 1 ? "," : "", mixes[m].name().toLowerCase(Locale.ROOT), r));
      ratios.append(
          String.format(
              " %s %.2f (decision+add %.2f);", mixes[m].label, r, withAdd[m] / withAdd[0]));
    }
    System.out.println(ratios + String.format(" limit %.1f per decision", LIMIT));
    System.out.printf(
        "retries: %s held aside at the end, %s added in all (fifo, uniform, skewed)%n",
        Arrays.toString(held),
        Arrays.toString(Arrays.stream(sims).mapToLong(s -> s.retries).toArray()));
    sims = null;

    System.out.printf(
        "scaling, the same setup at each size (3 warm-up + 5 measured rounds of %d polls per"
            + " order), median decision; for reference, a chained HashMap lookup of job ids (O(1):"
            + " what waiting for memory alone costs at that size):%n",
        polls);
    double[] fifoAt = new double[scaling.length];
    double[] mixedAt = new double[scaling.length];
    for (int i = 0; i < scaling.length; i++) {
      Sim[] pair = {new Sim(Mix.FIFO, scaling[i]), new Sim(Mix.UNIFORM, scaling[i])};
      pair[0].fill();
      pair[1].fill();
      List<List<Round>> rs = alternate(pair, 3, 5, polls);
      fifoAt[i] = median(rs.get(0).stream().mapToDouble(Round::nsPerDecision).toArray());
      mixedAt[i] = median(rs.get(1).stream().mapToDouble(Round::nsPerDecision).toArray());
      double lookup = chainedLookupNs(pair[1]);
      System.out.printf(
          "  %4s queued: fifo %5.0f ns, uniform %5.0f ns (x%.2f of the first size; log n would"
              + " give x%.2f, a scan x%.0f); chained lookup %4.0f ns%n",
          size(scaling[i]),
          fifoAt[i],
          mixedAt[i],
          mixedAt[i] / mixedAt[0],
          Math.log(scaling[i]) / Math.log(scaling[0]),
          scaling[i] / (double) scaling[0],
          lookup);
    }
    // The growth limit lies halfway (geometrically) between log n and a scan's n.
    int last = scaling.length - 1;
    double growth = Math.max(mixedAt[last] / mixedAt[0], fifoAt[last] / fifoAt[0]);
    double logGrowth = Math.log(scaling[last]) / Math.log(scaling[0]);
    double scanGrowth = scaling[last] / (double) scaling[0];
    double growthLimit = Math.sqrt(logGrowth * scanGrowth);
    ok &= growth <= growthLimit;
    System.out.printf(
        "result: %s: per decision%s (limit %.1fx); from %s to %s queued x%.2f (limit x%.1f; log n"
            + " x%.2f, a scan x%.0f)%n",
        ok ? "OK" : "FAILED",
        perDecision,
        LIMIT,
        size(scaling[0]),
        size(scaling[last]),
        growth,
        growthLimit,
        logGrowth,
        scanGrowth);
    System.exit(ok ? 0 : 1);
  }

  /**
   * A HashMap lookup of a job id found by the previous lookup (a chain through the ready jobs' ids
   * in random order), ns: O(1), but each step waits for its cache misses, as a decision's steps do.
   */
  private static double chainedLookupNs(Sim sim) {
    List<String> ids = new ArrayList<>();
    for (String profile : JobProfile.ALL) {
      sim.queue.set(null, profile).forEach(q -> ids.add(q.jobId()));
      for (Host h : sim.hosts) {
        sim.queue.set(h.name, profile).forEach(q -> ids.add(q.jobId()));
      }
    }
    Collections.shuffle(ids, new Random(1));
    String[] keys = ids.toArray(String[]::new);
    Map<String, Integer> next = new HashMap<>();
    for (int i = 0; i < keys.length; i++) {
      next.put(keys[i], (i + 1) % keys.length);
    }
    double best = Double.MAX_VALUE;
    int at = 0;
    for (int r = 0; r < 5; r++) {
      int n = Math.min(keys.length, 200_000);
      long t = clock();
      for (int i = 0; i < n; i++) {
        at = next.get(keys[at]);
      }
      best = Math.min(best, (clock() - t) / (double) n);
    }
    return at < 0 ? -1 : best;
  }

  /** Rounds of every sim in turn, the starting one moving each round; warm-up rounds dropped. */
  private static List<List<Round>> alternate(Sim[] sims, int warmUp, int rounds, int polls) {
    List<List<Round>> results = new ArrayList<>();
    for (int m = 0; m < sims.length; m++) {
      results.add(new ArrayList<>());
    }
    for (int r = -warmUp; r < rounds; r++) {
      for (int k = 0; k < sims.length; k++) {
        int m = Math.floorMod(r + k, sims.length);
        Round round = sims[m].round(polls);
        if (r >= 0) {
          results.get(m).add(round);
        }
      }
    }
    return results;
  }

  private static String size(int n) {
    return n % 1_000_000 == 0 ? n / 1_000_000 + "M" : n % 1000 == 0 ? n / 1000 + "k" : "" + n;
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** Nearest rank. */
  private static double p90(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s[(int) Math.ceil(0.9 * s.length) - 1];
  }
}
