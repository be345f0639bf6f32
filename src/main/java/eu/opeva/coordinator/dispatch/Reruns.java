package eu.opeva.coordinator.dispatch;

import static eu.opeva.coordinator.domain.JobFields.EXTRA_ARGS;
import static eu.opeva.coordinator.domain.JobFields.IMAGE_TAG;
import static eu.opeva.coordinator.domain.JobFields.JOB_ID;
import static eu.opeva.coordinator.domain.JobFields.JOB_NAME;
import static eu.opeva.coordinator.domain.JobFields.PRIORITY;
import static eu.opeva.coordinator.domain.JobFields.RESOURCES;
import static eu.opeva.coordinator.domain.JobFields.RETRY;
import static eu.opeva.coordinator.domain.JobFields.SCHEDULER_OPTIONS;
import static eu.opeva.coordinator.domain.JobFields.SUBMITTED_BY;
import static eu.opeva.coordinator.domain.JobFields.TARGET_HOST;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobOrigin;
import eu.opeva.coordinator.domain.JobSpec;
import eu.opeva.coordinator.domain.Scheduling;
import eu.opeva.coordinator.jobstore.JsonPlain;
import eu.opeva.coordinator.jobstore.SchedulingJson;
import eu.opeva.coordinator.protocol.ResourcesJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code POST /jobs/{id}/rerun}: a new job from an ended job's own config snapshot and settings
 * (priority and retry policy included; dependencies and pipeline not: a re-run of one job stands
 * alone), so edits to {@code configs/} since then never change what is re-run. The two jobs are
 * linked ({@code rerun_of} on the new one, {@code reruns} on the old one).
 */
final class Reruns {
  private final Dispatcher d;
  private final ConfigReader configs;
  private final Submissions submissions;

  Reruns(Dispatcher dispatcher, ConfigReader configs, Submissions submissions) {
    this.d = dispatcher;
    this.configs = configs;
    this.submissions = submissions;
  }

  Future<JsonObject> rerun(String jobId, JsonObject request) {
    Job old = requireEnded(d.require(jobId));
    JobSpec s = old.spec();
    JsonObject body = bodyOf(old, request);
    return load(old)
        .compose(loaded -> submissions.resubmit(body, s.configPath(), loaded, jobId))
        .compose(created -> link(jobId, created.getString(JOB_ID)).map(created));
  }

  /**
   * A re-run of a pipeline's node, prepared (not written): the old job's config and settings, with
   * its new place in the pipeline ({@code scheduling}: the dependencies as new job ids).
   */
  Future<Submissions.Prepared> prepare(Job old, String newId, Scheduling scheduling) {
    requireEnded(old);
    JsonObject body = bodyOf(old, new JsonObject());
    return load(old)
        .compose(
            loaded ->
                submissions.prepare(
                    newId,
                    body,
                    scheduling,
                    new Submissions.Preloaded(old.spec().configPath(), loaded),
                    old.jobId(),
                    JobOrigin.NONE));
  }

  private static Job requireEnded(Job old) {
    if (!old.status().isTerminal()) {
      throw ApiFailure.conflict(
          "Job "
              + old.jobId()
              + " is "
              + old.status().wire()
              + "; only finished, failed, stopped or canceled jobs can be re-run");
    }
    return old;
  }

  /** The old job's request, as far as a re-run repeats it; {@code request} may move and rename. */
  private JsonObject bodyOf(Job old, JsonObject request) {
    JobSpec s = old.spec();
    String host =
        request.containsKey(TARGET_HOST)
            ? request.getString(TARGET_HOST)
            : old.placement().pinnedHost();
    JsonObject body =
        new JsonObject()
            .put(TARGET_HOST, host)
            .put(JOB_NAME, s.jobName())
            .put(IMAGE_TAG, s.imageTag())
            .put(SUBMITTED_BY, request.getString(SUBMITTED_BY, s.submittedBy()))
            .put(PRIORITY, s.scheduling().priority());
    if (s.scheduling().retry() != null) {
      body.put(RETRY, SchedulingJson.retry(s.scheduling().retry()));
    }
    if (host != null && d.hostSettings(host).schedulerOptions()) {
      body.put(SCHEDULER_OPTIONS, JsonPlain.json(s.schedulerOptions()));
    }
    if (!s.extraArgs().isEmpty()) {
      body.put(EXTRA_ARGS, new JsonArray(s.extraArgs()));
    }
    if (!s.resources().isEmpty()) {
      body.put(RESOURCES, ResourcesJson.toJson(s.resources()));
    }
    return body;
  }

  /** The config the old job ran with: its snapshot, else (older jobs) its source file. */
  private Future<ConfigReader.Loaded> load(Job old) {
    return configs
        .snapshot(old.jobId())
        .compose(
            snapshot -> {
              if (snapshot != null) {
                return Future.succeededFuture(snapshot);
              }
              String source = old.spec().configPath() == null ? "" : old.spec().configPath();
              if (!source.startsWith("configs/")) {
                return Future.failedFuture(
                    ApiFailure.conflict(
                        "Job "
                            + old.jobId()
                            + " has no config snapshot and no source config to re-run"));
              }
              return configs.read(source.substring("configs/".length()));
            });
  }

  /** Records the new job on the old one (written before it shows). */
  Future<Void> link(String oldId, String newId) {
    return d.serially(
        oldId,
        deadline -> {
          Job old = d.registry.get(oldId);
          if (old == null) {
            return Future.succeededFuture();
          }
          Job linked = old.withRerun(newId);
          return d.store
              .updateInfo(linked, deadline)
              .map(
                  v -> {
                    d.registry.put(linked);
                    return null;
                  });
        });
  }
}
