package eu.opeva.coordinator.domain;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which slot profile a job uses: {@code gpu} if its resources ask for a GPU, or its scheduler
 * options or a worker's details do (the replaced service's rule: a positive count under a GPU key,
 * or a GPU partition name), else {@code cpu}.
 */
public final class JobProfile {
  public static final String CPU = "cpu";
  public static final String GPU = "gpu";
  public static final List<String> ALL = List.of(CPU, GPU);
  private static final List<String> COUNT_KEYS =
      List.of("gpus", "gpu_count", "gpus_per_task", "slurm_gpus");
  private static final List<String> PARTITION_KEYS = List.of("partition", "slurm_partition");
  private static final List<String> GPU_MARKS = List.of("gpu", "a100", "h100");

  private JobProfile() {}

  public static String of(
      Map<String, Object> schedulerOptions, Resources resources, Map<String, Object> details) {
    boolean gpu =
        (resources != null && resources.gpus() != null && resources.gpus() > 0)
            || asksForGpu(schedulerOptions)
            || asksForGpu(details);
    return gpu ? GPU : CPU;
  }

  static boolean asksForGpu(Map<String, Object> c) {
    if (c == null) {
      return false;
    }
    for (String key : COUNT_KEYS) {
      Object v = c.get(key);
      try {
        if (v != null
            && !(v instanceof Boolean)
            && Integer.parseInt(String.valueOf(v).trim()) > 0) {
          return true;
        }
      } catch (NumberFormatException ignored) {
        // not a count
      }
    }
    for (String key : PARTITION_KEYS) {
      Object v = c.get(key);
      if (v != null) {
        String p = String.valueOf(v).toLowerCase(Locale.ROOT);
        if (GPU_MARKS.stream().anyMatch(p::contains)) {
          return true;
        }
      }
    }
    return false;
  }
}
