package eu.opeva.coordinator.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

/**
 * The knobs of one chaos run. {@link #fromEnv} reads the {@code CHAOS_*} variables over the
 * defaults of the long run ({@code scripts/chaos}); {@link #shortRun} is the form run by {@code mvn
 * verify}. Ranges are in seconds unless named otherwise, and every moment in them is drawn from the
 * run's seeded random number generator.
 *
 * @param seed the seed of every random choice (printed; CHAOS_SEED repeats it)
 * @param chaos how long jobs are submitted and processes killed
 * @param quietLimit how long the quiet phase may wait for every job to end
 * @param agents agent processes ({@code worker-1} ...)
 * @param slots slots of each agent
 * @param sampleAgents how many of the agents run the bundled sample simulation (a JVM per job)
 *     instead of the quick shell job
 * @param clients workload threads
 * @param maxOpen submissions pause while this many acknowledged jobs have not been seen ending
 * @param coordinatorUp time from a coordinator's start to its kill
 * @param coordinatorDown time from a kill to the next start
 * @param longLifeShare share of coordinator lives that last past the claim TTL and the offline time
 *     (so that dispatches lost in a kill are requeued and silent workers found offline)
 * @param agentKillEvery time between two agent kills
 * @param agentDown time from an agent's kill to its restart
 * @param longDownShare share of agent kills followed by an outage past the offline TTL
 * @param faultyLifeShare share of coordinator lives with storage faults injected
 * @param faultRate share of job-state writes that fail on a faulty life
 * @param faultMaxDelayMs delay of each job-state write on a faulty life, up to this
 * @param quickMs how long a quick job sleeps, milliseconds
 * @param longMs how long a long job sleeps, milliseconds
 * @param workDir where the run's folder is made
 * @param keep keep the run's folder even when every invariant holds
 */
public record ChaosSettings(
    long seed,
    Duration chaos,
    Duration quietLimit,
    int agents,
    int slots,
    int sampleAgents,
    int clients,
    int maxOpen,
    Range coordinatorUp,
    Range coordinatorDown,
    double longLifeShare,
    Range agentKillEvery,
    Range agentDown,
    double longDownShare,
    double faultyLifeShare,
    double faultRate,
    int faultMaxDelayMs,
    Range quickMs,
    Range longMs,
    Path workDir,
    boolean keep) {

  /** A closed range of numbers, one drawn at a time. */
  public record Range(double min, double max) {
    static Range parse(String text) {
      String[] parts = text.trim().split("-", 2);
      double lo = Double.parseDouble(parts[0]);
      return new Range(lo, parts.length > 1 ? Double.parseDouble(parts[1]) : lo);
    }

    double pick(Random rng) {
      return min + rng.nextDouble() * (max - min);
    }

    Duration pickSeconds(Random rng) {
      return Duration.ofMillis(Math.round(pick(rng) * 1000));
    }

    @Override
    public String toString() {
      return min == max ? fmt(min) : fmt(min) + "-" + fmt(max);
    }

    private static String fmt(double d) {
      return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
  }

  /** The long run: 10 minutes, 4 agents, a kill of some process every few seconds. */
  public static ChaosSettings longRun(long seed, Path workDir) {
    return new ChaosSettings(
        seed,
        Duration.ofMinutes(10),
        Duration.ofMinutes(4),
        4,
        3,
        1,
        8,
        250,
        new Range(0.5, 3),
        new Range(0, 1),
        0.1,
        new Range(3, 8),
        new Range(0.2, 4),
        0.1,
        0.25,
        0.03,
        50,
        new Range(50, 400),
        new Range(1500, 5000),
        workDir,
        false);
  }

  /** The form in {@code mvn verify}: 45 s of chaos with a few kills of each kind. */
  public static ChaosSettings shortRun(long seed, Path workDir) {
    return new ChaosSettings(
        seed,
        Duration.ofSeconds(45),
        Duration.ofSeconds(40),
        3,
        2,
        1,
        2,
        24,
        new Range(6, 10),
        new Range(0, 1),
        0,
        new Range(5, 9),
        new Range(0.2, 3),
        0.15,
        0.34,
        0.03,
        30,
        new Range(100, 700),
        new Range(2000, 5000),
        workDir,
        false);
  }

  /**
   * The long run's defaults (the short form's with {@code CHAOS_PRESET=short}) with every other
   * {@code CHAOS_*} variable of {@code env} applied.
   */
  public static ChaosSettings fromEnv(Map<String, String> env, long defaultSeed, Path tmp) {
    long seed = Long.parseLong(env.getOrDefault("CHAOS_SEED", String.valueOf(defaultSeed)));
    Path dir = Path.of(env.getOrDefault("CHAOS_DIR", tmp.toString()));
    ChaosSettings d =
        "short".equals(env.get("CHAOS_PRESET")) ? shortRun(seed, dir) : longRun(seed, dir);
    return new ChaosSettings(
        seed,
        seconds(env, "CHAOS_DURATION_SECONDS", d.chaos),
        seconds(env, "CHAOS_QUIET_SECONDS", d.quietLimit),
        integer(env, "CHAOS_AGENTS", d.agents),
        integer(env, "CHAOS_SLOTS", d.slots),
        integer(env, "CHAOS_SAMPLE_AGENTS", d.sampleAgents),
        integer(env, "CHAOS_CLIENTS", d.clients),
        integer(env, "CHAOS_MAX_OPEN", d.maxOpen),
        range(env, "CHAOS_COORDINATOR_UP_SECONDS", d.coordinatorUp),
        range(env, "CHAOS_COORDINATOR_DOWN_SECONDS", d.coordinatorDown),
        number(env, "CHAOS_LONG_LIFE_SHARE", d.longLifeShare),
        range(env, "CHAOS_AGENT_KILL_EVERY_SECONDS", d.agentKillEvery),
        range(env, "CHAOS_AGENT_DOWN_SECONDS", d.agentDown),
        number(env, "CHAOS_LONG_DOWN_SHARE", d.longDownShare),
        number(env, "CHAOS_FAULTY_LIVES", d.faultyLifeShare),
        number(env, "CHAOS_FAULT_RATE", d.faultRate),
        integer(env, "CHAOS_FAULT_MAX_DELAY_MS", d.faultMaxDelayMs),
        range(env, "CHAOS_QUICK_MS", d.quickMs),
        range(env, "CHAOS_LONG_MS", d.longMs),
        d.workDir,
        Boolean.parseBoolean(env.getOrDefault("CHAOS_KEEP", "false")));
  }

  /** One line naming every knob, for the report. */
  public String describe() {
    return String.format(
        "seed %d; %d s of chaos, quiet phase up to %d s; %d agents x %d slots (%d with the sample"
            + " simulation), %d clients, at most %d open jobs; coordinator up %s s (%.0f%% of lives"
            + " %d s), down %s s;"
            + " agent kill every %s s, down %s s (%.0f%% past the offline TTL); storage faults on"
            + " %.0f%% of coordinator lives (%.1f%% of writes fail, delays up to %d ms); quick jobs"
            + " %s ms, long jobs %s ms",
        seed,
        chaos.toSeconds(),
        quietLimit.toSeconds(),
        agents,
        slots,
        sampleAgents,
        clients,
        maxOpen,
        coordinatorUp,
        longLifeShare * 100,
        FaultSchedule.LONG_LIFE.toSeconds(),
        coordinatorDown,
        agentKillEvery,
        agentDown,
        longDownShare * 100,
        faultyLifeShare * 100,
        faultRate * 100,
        faultMaxDelayMs,
        quickMs,
        longMs);
  }

  private static Duration seconds(Map<String, String> env, String key, Duration fallback) {
    String v = env.get(key);
    return v == null || v.isBlank()
        ? fallback
        : Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
  }

  private static int integer(Map<String, String> env, String key, int fallback) {
    String v = env.get(key);
    return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
  }

  private static double number(Map<String, String> env, String key, double fallback) {
    String v = env.get(key);
    return v == null || v.isBlank() ? fallback : Double.parseDouble(v.trim());
  }

  private static Range range(Map<String, String> env, String key, Range fallback) {
    String v = env.get(key);
    return v == null || v.isBlank() ? fallback : Range.parse(v);
  }
}
