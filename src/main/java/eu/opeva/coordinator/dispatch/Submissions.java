package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.ImageTags;
import eu.opeva.coordinator.domain.JobEntry;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.Lifecycle;
import eu.opeva.coordinator.domain.SchedulerOptions;
import eu.opeva.coordinator.experiments.ExperimentIdentity;
import eu.opeva.coordinator.experiments.ExperimentSource;
import eu.opeva.coordinator.experiments.ResolvedConfig;
import eu.opeva.coordinator.experiments.Yaml;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * {@code POST /run-simulation}: every check runs before anything is written, so a refused request
 * leaves the shared directory unchanged; an accepted job is on disk before it is acknowledged.
 */
final class Submissions {
  private final Dispatcher d;
  private final SharedLayout layout;

  Submissions(Dispatcher dispatcher, SharedLayout layout) {
    this.d = dispatcher;
    this.layout = layout;
  }

  /** A request checked and resolved, ready to be written. */
  private record Plan(
      JsonObject body,
      Object config,
      String configText,
      String configPath,
      Path inlineFile,
      String targetHost,
      String imageTag,
      JsonObject options) {}

  /** A config as read: the exact text (kept as the job's snapshot) and its parsed value. */
  record LoadedConfig(String text, Object parsed) {}

  Future<JsonObject> submit(JsonObject body) {
    if (d.draining) {
      return Future.failedFuture(new ApiFailure(503, "Coordinator is shutting down"));
    }
    Settings cfg = d.config;
    if (cfg.hosts().available().isEmpty()) {
      return Future.failedFuture(new ApiFailure(503, "No hosts configured"));
    }
    String jobId = UUID.randomUUID().toString();
    String host = blankToNull(body.getString("target_host"));
    if (host != null && !cfg.hosts().isKnown(host)) {
      return Future.failedFuture(unknownHost(host));
    }
    String configPath = body.getString("config_path");
    configPath = configPath == null || configPath.isEmpty() ? null : configPath;
    JsonObject inline = body.getJsonObject("config");
    Future<Plan> plan;
    if (configPath != null) {
      String rel = ExperimentSource.configRelativePath(configPath, layout.configs());
      plan =
          d.store
              .io()
              .run(() -> readConfig(rel))
              .map(
                  loaded ->
                      new Plan(
                          body,
                          loaded.parsed(),
                          loaded.text(),
                          "configs/" + rel,
                          null,
                          host,
                          null,
                          null));
    } else if (inline != null && !inline.isEmpty()) {
      String name = ExperimentSource.inlineFileName(body.getString("save_as"), jobId);
      plan =
          Future.succeededFuture(
              new Plan(
                  body,
                  inline,
                  null,
                  "configs/" + name,
                  layout.configs().resolve(name),
                  host,
                  null,
                  null));
    } else {
      return Future.failedFuture(ApiFailure.badRequest("Missing config or config_path"));
    }
    return plan.map(this::validate).compose(p -> write(jobId, p, null));
  }

  /**
   * A new job from an already loaded config (a re-run): the same checks as a submission, and {@code
   * links} written into both the registry entry and {@code job_info.json}.
   */
  Future<JsonObject> resubmit(
      JsonObject body, String configPath, LoadedConfig loaded, JsonObject links) {
    if (d.draining) {
      return Future.failedFuture(new ApiFailure(503, "Coordinator is shutting down"));
    }
    String host = blankToNull(body.getString("target_host"));
    if (host != null && !d.config.hosts().isKnown(host)) {
      throw unknownHost(host);
    }
    Plan plan =
        validate(
            new Plan(body, loaded.parsed(), loaded.text(), configPath, null, host, null, null));
    return write(UUID.randomUUID().toString(), plan, links);
  }

  LoadedConfig readConfig(String rel) throws Exception {
    Path file = layout.configs().resolve(rel);
    String text;
    try {
      if (!Files.isRegularFile(file)) {
        throw ApiFailure.notFound("Config " + rel + " not found");
      }
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw ApiFailure.notFound("Config " + rel + " not found");
    } catch (java.nio.charset.CharacterCodingException e) {
      throw ApiFailure.badRequest("Config " + rel + " is not UTF-8 text");
    }
    try {
      return new LoadedConfig(text, Yaml.parse(text));
    } catch (Yaml.YamlSyntaxException e) {
      throw ApiFailure.badRequest("Invalid YAML in " + rel + ": " + e.getMessage());
    }
  }

  private Plan validate(Plan p) {
    Object raw = p.config();
    if (!(raw instanceof JsonObject config)) {
      throw ApiFailure.badRequest("Invalid config format");
    }
    ExperimentSource.executorKeys(config)
        .ifPresent(
            keys -> {
              throw ApiFailure.badRequest(
                  "Config contains executor-specific fields under 'execution' ("
                      + keys
                      + "). Move execution options to run-simulation payload.");
            });
    String tag = ImageTags.normalise(p.body().getString("image_tag"));
    JsonObject options = SchedulerOptions.normalise(p.body().getJsonObject("deucalion_options"));
    if (options != null
        && (p.targetHost() == null || !d.hostSettings(p.targetHost()).schedulerOptions())) {
      var hosts =
          d.config.hosts().settings().entrySet().stream()
              .filter(e -> e.getValue().schedulerOptions())
              .map(e -> "'" + e.getKey() + "'")
              .sorted()
              .toList();
      throw ApiFailure.badRequest(
          "deucalion_options are only allowed when target_host is "
              + (hosts.isEmpty() ? "a host with scheduler options" : String.join(" or ", hosts)));
    }
    return new Plan(
        p.body(),
        config,
        p.configText(),
        p.configPath(),
        p.inlineFile(),
        p.targetHost(),
        tag,
        options);
  }

  private Future<JsonObject> write(String jobId, Plan p, JsonObject links) {
    JsonObject body = p.body();
    JsonObject config = (JsonObject) p.config();
    ExperimentIdentity identity = ExperimentIdentity.of(config);
    String jobName = identity.jobName(body.getString("job_name"));
    String image = ImageTags.image(d.config.jobs().imageRepository(), p.imageTag());
    JsonObject resolved =
        ResolvedConfig.resolve(config, d.config.storage().sharedRoot().toString());
    String submittedBy = blankToNull(body.getString("submitted_by"));
    double now = d.now();
    JsonObject meta =
        new JsonObject()
            .put("job_id", jobId)
            .put("job_name", jobName)
            .put("config_path", p.configPath())
            .put("target_host", p.targetHost())
            .put("preferred_host", p.targetHost())
            .put("experiment_name", identity.experimentName())
            .put("run_name", identity.runName())
            .put("require_host", p.targetHost() != null)
            .put("submitted_by", submittedBy)
            .put("image_tag", p.imageTag())
            .put("image", image)
            .put("deucalion_options", p.options())
            .put("resolved_config", resolved != null)
            .put("config_snapshot", true)
            .put("requeue_count", 0)
            .put("attempt_number", 0);
    copyIfPresent(body, meta, "extra_args", "resources");
    if (links != null) {
      meta.mergeIn(links);
    }
    JobEntry entry = new JobEntry(meta);
    Lifecycle.apply(entry, JobStatus.LAUNCHING, now);
    JsonObject hostExtra = new JsonObject().put("preferred_host", p.targetHost());
    Lifecycle.apply(entry, JobStatus.QUEUED, now);
    JsonObject queuedDoc = StatusDocs.of(entry, hostExtra);
    QueueEntry q =
        new QueueEntry(
            jobId, p.targetHost(), p.targetHost() != null, now, submittedBy, entry.profile(), 0);
    JsonObject jobInfo =
        new JsonObject()
            .put("job_id", jobId)
            .put("job_name", jobName)
            .put("config_path", p.configPath())
            .put("target_host", p.targetHost() == null ? "" : p.targetHost())
            .put("container_id", "")
            .put("container_name", "")
            .put("experiment_name", identity.experimentName())
            .put("run_name", identity.runName())
            .put("config_snapshot_file", "config.yaml");
    putIfTruthy(jobInfo, "submitted_by", submittedBy);
    putIfTruthy(jobInfo, "image_tag", p.imageTag());
    putIfTruthy(jobInfo, "image", image);
    putIfTruthy(jobInfo, "deucalion_options", p.options());
    if (links != null) {
      jobInfo.mergeIn(links);
    }
    String inlineYaml = p.inlineFile() == null ? null : Yaml.dumpSorted(config);
    // The job runs from its own copy, so editing or deleting the file in configs/ cannot change it.
    String snapshot = p.configText() != null ? p.configText() : inlineYaml;
    var newJob =
        new JobStore.NewJob(
            jobId,
            jobInfo,
            q.toJson(),
            queuedDoc,
            snapshot,
            resolved == null ? null : Yaml.dump(resolved),
            p.inlineFile(),
            inlineYaml);
    return d.store
        .create(newJob)
        .map(
            v -> {
              d.registry.add(entry, queuedDoc);
              d.offer(d.queue.add(q));
              return new JsonObject()
                  .put("job_id", jobId)
                  .put("status", "queued")
                  .put("host", p.targetHost())
                  .put("job_name", jobName)
                  .put("image_tag", p.imageTag())
                  .put("image", image);
            });
  }

  private ApiFailure unknownHost(String host) {
    return ApiFailure.badRequest(
        "Unknown host '"
            + host
            + "'. Allowed: "
            + new JsonArray(d.config.hosts().available()).encode());
  }

  private static void copyIfPresent(JsonObject from, JsonObject to, String... keys) {
    for (String k : keys) {
      if (from.getValue(k) != null) {
        to.put(k, from.getValue(k));
      }
    }
  }

  private static void putIfTruthy(JsonObject json, String key, Object value) {
    if (value != null && !(value instanceof String s && s.isEmpty())) {
      json.put(key, value);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
