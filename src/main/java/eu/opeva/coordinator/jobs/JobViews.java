package eu.opeva.coordinator.jobs;

import eu.opeva.coordinator.domain.JobDurations;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The job views of {@code /jobs} and {@code /job-info}, from {@code job_info.json} and the
 * registry.
 */
public final class JobViews {
  static final List<String> LIFECYCLE =
      List.of(
          "submitted_at",
          "queued_at",
          "dispatched_at",
          "started_at",
          "stop_requested_at",
          "finished_at");
  private static final List<String> FROM_REGISTRY =
      List.of(
          "submitted_by",
          "job_name",
          "config_path",
          "target_host",
          "image_tag",
          "deucalion_options");

  private final Settings config;

  public JobViews(Settings config) {
    this.config = config;
  }

  /**
   * {@code job_info.json} enriched with MLflow links, the resolved-config flag and registry fields.
   */
  JsonObject enrichInfo(JsonObject info, JsonObject meta) {
    JsonObject out = info.copy();
    MlflowLinks.enrich(out, config.jobs().mlflowUiBaseUrl().orElse(null));
    boolean resolved = meta != null && meta.getBoolean("resolved_config", false);
    out.put("resolved_config_available", resolved);
    if (resolved) {
      out.put("resolved_config_file", "config.resolved.yaml");
    }
    if (meta != null) {
      for (String key : FROM_REGISTRY) {
        if (isFalsy(out.getValue(key)) && meta.getValue(key) != null) {
          out.put(key, meta.getValue(key));
        }
      }
    }
    String image = meta == null ? null : meta.getString("image");
    out.put("image", image == null || image.isBlank() ? config.jobs().defaultImage() : image);
    return out;
  }

  /** One element of {@code GET /jobs}. */
  JsonObject listItem(JsonObject meta, JsonObject info, double now) {
    JsonObject item =
        new JsonObject()
            .put("job_id", meta.getString("job_id"))
            .put("status", meta.getString("status"))
            .put("job_info", enrichInfo(info == null ? new JsonObject() : info, meta));
    for (String key : LIFECYCLE) {
      item.put(key, meta.getValue(key));
    }
    item.put("last_status_at", meta.getValue("last_status_at"));
    item.mergeIn(JobDurations.of(meta, now));
    item.put("requeue_count", meta.getInteger("requeue_count", 0))
        .put("attempt_number", meta.getInteger("attempt_number", 0))
        .put("job_meta", meta);
    return item;
  }

  /**
   * {@code GET /job-info}: the enriched info plus lifecycle times and durations when registered.
   */
  JsonObject jobInfo(JsonObject info, JsonObject meta, double now) {
    JsonObject out = enrichInfo(info, meta);
    if (meta != null) {
      for (String key : LIFECYCLE) {
        if (out.getValue(key) == null) {
          out.put(key, meta.getValue(key));
        }
      }
      if (out.getValue("last_status_at") == null) {
        out.put("last_status_at", meta.getValue("last_status_at"));
      }
      out.put("status", meta.getString("status"))
          .put("attempt_number", meta.getInteger("attempt_number", 0))
          .put("requeue_count", meta.getInteger("requeue_count", 0));
      out.mergeIn(JobDurations.of(meta, now));
    }
    return out;
  }

  private static boolean isFalsy(Object v) {
    return v == null
        || (v instanceof String s && s.isEmpty())
        || Boolean.FALSE.equals(v)
        || (v instanceof JsonObject o && o.isEmpty());
  }
}
