package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.JobEntry;
import eu.opeva.coordinator.experiments.Yaml;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code POST /jobs/{id}/rerun}: a new job from an ended job's own config snapshot and settings, so
 * edits to {@code configs/} since then never change what is re-run. The two jobs are linked ({@code
 * rerun_of} on the new one, {@code reruns} on the old one).
 */
final class Reruns {
  private final Dispatcher d;
  private final SharedLayout layout;
  private final Submissions submissions;

  Reruns(Dispatcher dispatcher, SharedLayout layout, Submissions submissions) {
    this.d = dispatcher;
    this.layout = layout;
    this.submissions = submissions;
  }

  Future<JsonObject> rerun(String jobId, JsonObject request) {
    JobEntry old = d.registry.get(jobId);
    if (old == null) {
      throw ApiFailure.notFound("Job " + jobId + " not found");
    }
    if (!old.status().isTerminal()) {
      throw ApiFailure.conflict(
          "Job "
              + jobId
              + " is "
              + old.status().wire()
              + "; only finished, failed, stopped or canceled jobs can be re-run");
    }
    JsonObject m = old.json();
    String host =
        request.containsKey("target_host")
            ? request.getString("target_host")
            : old.requireHost() ? old.preferredHost() : null;
    JsonObject body =
        new JsonObject()
            .put("target_host", host)
            .put("job_name", m.getString("job_name"))
            .put("image_tag", m.getString("image_tag"))
            .put("submitted_by", request.getString("submitted_by", m.getString("submitted_by")));
    if (host != null && d.hostSettings(host).schedulerOptions()) {
      body.put("deucalion_options", old.deucalionOptions());
    }
    for (String key : new String[] {"extra_args", "resources"}) {
      body.put(key, m.getValue(key));
    }
    String configPath = m.getString("config_path");
    return d.store
        .io()
        .run(() -> load(old))
        .compose(
            loaded ->
                submissions.resubmit(
                    body, configPath, loaded, new JsonObject().put("rerun_of", jobId)))
        .compose(
            created ->
                link(jobId, created.getString("job_id")).map(created.put("rerun_of", jobId)));
  }

  /**
   * The config the old job ran with: its snapshot, else (jobs from before snapshots) its source
   * file.
   */
  private Submissions.LoadedConfig load(JobEntry old) throws Exception {
    Path snapshot = layout.configSnapshotFile(old.jobId());
    if (Files.isRegularFile(snapshot)) {
      String text = Files.readString(snapshot);
      try {
        return new Submissions.LoadedConfig(text, Yaml.parse(text));
      } catch (Yaml.YamlSyntaxException e) {
        throw ApiFailure.conflict(
            "The config snapshot of job " + old.jobId() + " is not valid YAML: " + e.getMessage());
      }
    }
    String source = old.json().getString("config_path", "");
    if (!source.startsWith("configs/")) {
      throw ApiFailure.conflict(
          "Job " + old.jobId() + " has no config snapshot and no source config to re-run");
    }
    return submissions.readConfig(source.substring("configs/".length()));
  }

  private Future<Void> link(String oldId, String newId) {
    JobEntry old = d.registry.get(oldId);
    if (old != null) {
      d.registry.update(
          old,
          e ->
              e.json()
                  .put(
                      "reruns",
                      e.json().getJsonArray("reruns", new JsonArray()).copy().add(newId)));
    }
    return d.store.updateJobInfo(
        oldId,
        info -> {
          info.put("reruns", info.getJsonArray("reruns", new JsonArray()).copy().add(newId));
          return info;
        });
  }
}
