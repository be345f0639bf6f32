package eu.opeva.coordinator.fleet;

import static eu.opeva.coordinator.domain.JobFields.JOB_ID;
import static eu.opeva.coordinator.domain.JobFields.JOB_NAME;
import static eu.opeva.coordinator.domain.JobFields.STATUS;

import eu.opeva.coordinator.dispatch.ActiveJobs;
import eu.opeva.coordinator.domain.ActiveJob;
import eu.opeva.coordinator.settings.HostSettings;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code GET /hosts}: configured hosts plus any that sent heartbeats, with liveness from heartbeats
 * alone (a host is not reported online just because jobs are assigned to it) and active jobs from
 * the registry.
 */
final class HostsView {
  private static final List<String> ACTIVE_JOB_KEYS =
      List.of(
          JOB_NAME,
          STATUS,
          "phase",
          "slurm_job_id",
          "slurm_state",
          "slurm_partition",
          "slurm_nodes",
          "slurm_cpus",
          "slurm_gpus",
          "queue_pos",
          "ahead",
          "updated_at");

  private HostsView() {}

  static JsonObject build(Settings config, JsonObject monitor, JsonObject active, long nowMillis) {
    double now = nowMillis / 1000.0;
    Map<String, List<ActiveJob>> activeByHost = ActiveJobs.fromJson(active);
    JsonObject workers = monitor.getJsonObject("workers", new JsonObject());
    TreeSet<String> names = new TreeSet<>(config.hosts().available());
    names.addAll(workers.fieldNames());
    double ttl = config.hosts().heartbeatTtl().toMillis() / 1000.0;
    JsonObject hosts = new JsonObject();
    for (String host : names) {
      JsonObject hb = workers.getJsonObject(host);
      List<ActiveJob> jobs = activeByHost.getOrDefault(host, List.of());
      hosts.put(host, snapshot(config.hosts().settingsOf(host), hb, jobs, now, ttl));
    }
    return new JsonObject()
        .put("available_hosts", new JsonArray(config.hosts().available()))
        .put("hosts", hosts);
  }

  private static JsonObject snapshot(
      HostSettings settings, JsonObject hb, List<ActiveJob> active, double now, double ttl) {
    Double lastSeen = hb == null ? null : hb.getDouble("last_seen");
    JsonObject rawInfo = hb == null ? new JsonObject() : hb.getJsonObject("info", new JsonObject());
    List<ActiveJob> jobs = new ArrayList<>(active);
    jobs.sort(Comparator.comparingLong(ActiveJob::lastStatusAt).reversed());
    JsonArray registryIds = new JsonArray(jobs.stream().map(ActiveJob::jobId).toList());
    ActiveJob current = jobs.isEmpty() ? null : jobs.get(0);
    JsonArray activeJobs = normaliseActiveJobs(rawInfo.getValue("active_jobs"));
    JsonArray ids = registryIds;
    if (!settings.hasSlots()) {
      if (rawInfo.getValue("active_job_ids") instanceof JsonArray reported) {
        ids = new JsonArray(reported.stream().filter(x -> x instanceof String).toList());
      } else if (!activeJobs.isEmpty()) {
        ids =
            new JsonArray(
                activeJobs.stream().map(j -> ((JsonObject) j).getString(JOB_ID)).toList());
      }
    }
    JsonObject info =
        rawInfo
            .copy()
            .put("executor", rawInfo.getValue("executor"))
            .put("worker_version", rawInfo.getValue("worker_version", rawInfo.getValue("version")))
            .put(
                "active_job_id",
                rawInfo.getValue("active_job_id", current == null ? null : current.jobId()))
            .put("active_job_ids", ids)
            .put("active_jobs", activeJobs)
            .put("last_job_id", rawInfo.getValue("last_job_id"))
            .put("last_terminal_status", rawInfo.getValue("last_terminal_status"))
            .put("budget", rawInfo.getValue("budget"))
            .put("budget_refreshed_at", rawInfo.getValue("budget_refreshed_at"));
    Object count = rawInfo.getValue("active_job_count");
    info.put("active_job_count", count != null && !settings.hasSlots() ? count : ids.size());
    if (settings.hasSlots()) {
      JsonObject limits = new JsonObject();
      JsonObject counts = new JsonObject();
      JsonObject byProfile = new JsonObject();
      int total = 0;
      for (var e : settings.maxActiveJobs().entrySet()) {
        limits.put(e.getKey(), e.getValue());
        total += e.getValue();
        JsonArray profileIds =
            new JsonArray(
                jobs.stream()
                    .filter(j -> e.getKey().equals(j.profile()))
                    .map(ActiveJob::jobId)
                    .toList());
        byProfile.put(e.getKey(), profileIds);
        counts.put(e.getKey(), profileIds.size());
      }
      info.put("max_active_jobs", total)
          .put("max_active_jobs_by_profile", limits)
          .put("active_job_count_by_profile", counts)
          .put("active_job_ids_by_profile", byProfile);
    }
    return new JsonObject()
        .put("online", lastSeen != null && now - lastSeen <= ttl)
        .put("last_seen", lastSeen)
        .put("running", jobs.size())
        .put("current_job_id", current == null ? null : current.jobId())
        .put("current_job_status", current == null ? null : current.status().wire())
        .put("active_job_ids", ids)
        .put("info", info);
  }

  private static JsonArray normaliseActiveJobs(Object raw) {
    JsonArray out = new JsonArray();
    if (!(raw instanceof JsonArray list)) {
      return out;
    }
    for (Object item : list) {
      if (item instanceof JsonObject job && job.getValue(JOB_ID) != null) {
        JsonObject norm = new JsonObject().put(JOB_ID, String.valueOf(job.getValue(JOB_ID)));
        ACTIVE_JOB_KEYS.forEach(
            k -> {
              if (job.getValue(k) != null) {
                norm.put(k, job.getValue(k));
              }
            });
        out.add(norm);
      } else if (item instanceof String id) {
        out.add(new JsonObject().put(JOB_ID, id));
      }
    }
    return out;
  }
}
