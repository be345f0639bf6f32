package eu.opeva.coordinator.sample;

import java.util.Map;

/**
 * The {@code simulation} section of an experiment config, as the sample simulation reads it.
 *
 * @param episodes how many episodes to run (default 10)
 * @param secondsPerEpisode wall time of one episode (default 0.2)
 * @param failAtEpisode exit non-zero when this episode starts (absent: never)
 * @param memoryMb memory to allocate and touch at start, to exercise memory limits (default 0)
 * @param spawnChildren follow-up jobs to submit once the episodes are done (see {@link FollowUps});
 *     null for none
 */
record SimulationSettings(
    int episodes,
    double secondsPerEpisode,
    Integer failAtEpisode,
    int memoryMb,
    Map<?, ?> spawnChildren) {

  static SimulationSettings from(Object config) {
    Object section = config instanceof Map<?, ?> root ? root.get("simulation") : null;
    Map<?, ?> sim = section instanceof Map<?, ?> m ? m : Map.of();
    int episodes = integer(sim, "episodes", 10, 0, 1_000_000);
    double seconds = number(sim, "seconds_per_episode", 0.2);
    Integer failAt =
        sim.get("fail_at_episode") == null
            ? null
            : integer(sim, "fail_at_episode", 0, 1, 1_000_000);
    int memory = integer(sim, "memory_mb", 0, 0, 1_000_000);
    Object spawn = sim.get("spawn_children");
    if (spawn != null && !(spawn instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("simulation.spawn_children must be a mapping");
    }
    return new SimulationSettings(episodes, seconds, failAt, memory, (Map<?, ?>) spawn);
  }

  private static int integer(Map<?, ?> sim, String key, int fallback, int min, int max) {
    return integer(sim, key, fallback, min, max, "simulation");
  }

  static int integer(Map<?, ?> sim, String key, int fallback, int min, int max, String section) {
    double n = number(sim, key, fallback);
    if (n != Math.rint(n) || n < min || n > max) {
      throw new IllegalArgumentException(
          section
              + "."
              + key
              + " must be a whole number from "
              + min
              + " to "
              + max
              + ", got "
              + sim.get(key));
    }
    return (int) n;
  }

  private static double number(Map<?, ?> sim, String key, double fallback) {
    Object raw = sim.get(key);
    if (raw == null) {
      return fallback;
    }
    double n;
    try {
      n =
          raw instanceof Number num
              ? num.doubleValue()
              : Double.parseDouble(String.valueOf(raw).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("simulation." + key + " must be a number, got " + raw);
    }
    if (Double.isNaN(n) || n < 0) {
      throw new IllegalArgumentException("simulation." + key + " must not be negative, got " + raw);
    }
    return n;
  }
}
