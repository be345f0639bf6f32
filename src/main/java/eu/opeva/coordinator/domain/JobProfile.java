package eu.opeva.coordinator.domain;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/** Which slot profile a job uses: {@code gpu} if any source asks for a GPU, else {@code cpu}. */
public final class JobProfile {
  public static final String CPU = "cpu";
  public static final String GPU = "gpu";
  private static final List<String> COUNT_KEYS =
      List.of("gpus", "gpu_count", "gpus_per_task", "slurm_gpus");
  private static final List<String> PARTITION_KEYS = List.of("partition", "slurm_partition");
  private static final List<String> GPU_MARKS = List.of("gpu", "a100", "h100");

  private JobProfile() {}

  public static String of(JsonObject... candidates) {
    for (JsonObject candidate : candidates) {
      if (candidate != null && asksForGpu(candidate)) {
        return GPU;
      }
    }
    return CPU;
  }

  static boolean asksForGpu(JsonObject c) {
    for (String key : COUNT_KEYS) {
      Object v = c.getValue(key);
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
      Object v = c.getValue(key);
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
