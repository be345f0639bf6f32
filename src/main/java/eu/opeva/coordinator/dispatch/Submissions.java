package eu.opeva.coordinator.dispatch;

import static eu.opeva.coordinator.domain.JobFields.CONFIG_PATH;
import static eu.opeva.coordinator.domain.JobFields.EXTRA_ARGS;
import static eu.opeva.coordinator.domain.JobFields.IMAGE;
import static eu.opeva.coordinator.domain.JobFields.IMAGE_TAG;
import static eu.opeva.coordinator.domain.JobFields.JOB_ID;
import static eu.opeva.coordinator.domain.JobFields.JOB_NAME;
import static eu.opeva.coordinator.domain.JobFields.RERUN_OF;
import static eu.opeva.coordinator.domain.JobFields.RESOURCES;
import static eu.opeva.coordinator.domain.JobFields.SCHEDULER_OPTIONS;
import static eu.opeva.coordinator.domain.JobFields.STATUS;
import static eu.opeva.coordinator.domain.JobFields.SUBMITTED_BY;
import static eu.opeva.coordinator.domain.JobFields.TARGET_HOST;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.Dependencies;
import eu.opeva.coordinator.domain.ImageTags;
import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobOrigin;
import eu.opeva.coordinator.domain.JobSpec;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.Placement;
import eu.opeva.coordinator.domain.Resources;
import eu.opeva.coordinator.domain.Scheduling;
import eu.opeva.coordinator.domain.StatusNote;
import eu.opeva.coordinator.experiments.ConfigYaml;
import eu.opeva.coordinator.experiments.ExperimentIdentity;
import eu.opeva.coordinator.experiments.ExperimentSource;
import eu.opeva.coordinator.experiments.ResolvedConfig;
import eu.opeva.coordinator.experiments.Yaml;
import eu.opeva.coordinator.jobstore.JobStore;
import eu.opeva.coordinator.jobstore.JsonPlain;
import eu.opeva.coordinator.protocol.ResourcesJson;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /run-simulation}: every check runs before anything is written, so a refused request
 * leaves the shared directory unchanged; an accepted job is on disk, whole, before it is
 * acknowledged and shown.
 */
final class Submissions {
  private final Dispatcher d;
  private final SharedLayout layout;
  private final ConfigReader configs;
  private final ConfigYaml yaml;

  Submissions(Dispatcher dispatcher, SharedLayout layout, ConfigReader configs, ConfigYaml yaml) {
    this.d = dispatcher;
    this.layout = layout;
    this.configs = configs;
    this.yaml = yaml;
  }

  /** A request checked and resolved, ready to be written. */
  private record Plan(
      JsonObject body,
      JsonObject config,
      String configText,
      String configPath,
      Path inlineFile,
      String targetHost,
      String imageTag,
      JsonObject options) {}

  /** A job ready to be written: the job in its first state, its files, and the answer. */
  record Prepared(Job job, JobStore.ConfigFiles files, JsonObject answer) {}

  /** Where a re-run's config comes from: the old job's own copy. */
  record Preloaded(String configPath, ConfigReader.Loaded loaded) {}

  Future<JsonObject> submit(JsonObject request, SubmitContext context) {
    refuseWhileDraining();
    JsonObject body = inheritSubmitter(request, context);
    List<String> deps = SchedulingRequest.dependsOn(body);
    List<String> unknown = deps.stream().filter(id -> d.registry.get(id) == null).toList();
    if (!unknown.isEmpty()) {
      throw ApiFailure.badRequest("Unknown dependencies: " + String.join(", ", unknown));
    }
    requireLiveParent(context.parentJobId());
    Scheduling scheduling = scheduling(body, deps, null, null);
    return d.idempotency.answer(
        context.idempotencyKey(),
        blankToNull(body.getString(SUBMITTED_BY)),
        body,
        d.now(),
        key ->
            prepare(
                    UUID.randomUUID().toString(),
                    body,
                    scheduling,
                    null,
                    null,
                    origin(context, key))
                .compose(this::create));
  }

  /** A follow-up job is submitted by whoever submitted the job that sends it. */
  JsonObject inheritSubmitter(JsonObject body, SubmitContext context) {
    Job parent = context.parentJobId() == null ? null : d.registry.get(context.parentJobId());
    if (parent == null || parent.spec().submittedBy() == null) {
      return body;
    }
    return body.copy().put(SUBMITTED_BY, parent.spec().submittedBy());
  }

  /** What the context says of where a job comes from. */
  static JobOrigin origin(SubmitContext c, JobOrigin.Idempotency key) {
    return new JobOrigin(c.parentJobId(), c.scheduleId(), c.scheduledFor(), key);
  }

  /** A job submits follow-up jobs only while it is held by a worker (its token dies with it). */
  void requireLiveParent(String parentJobId) {
    if (parentJobId == null) {
      return;
    }
    Job parent = d.registry.get(parentJobId);
    if (parent == null || !parent.status().isActive()) {
      throw new ApiFailure(
          403,
          "Job "
              + parentJobId
              + (parent == null ? " does not exist" : " is " + parent.status().wire())
              + "; only a job that runs may submit follow-up jobs");
    }
  }

  /** A new job from an already loaded config (a re-run), with the same checks as a submission. */
  Future<JsonObject> resubmit(
      JsonObject body, String configPath, ConfigReader.Loaded loaded, String rerunOf) {
    refuseWhileDraining();
    return prepare(
            UUID.randomUUID().toString(),
            body,
            scheduling(body, List.of(), null, null),
            new Preloaded(configPath, loaded),
            rerunOf,
            JobOrigin.NONE)
        .compose(this::create);
  }

  /** The scheduling of a request whose dependencies ({@code deps}, job ids) are known to exist. */
  Scheduling scheduling(JsonObject body, List<String> deps, String pipelineId, String key) {
    return new Scheduling(
        SchedulingRequest.priority(body),
        SchedulingRequest.retry(body, d.config.jobs().retry()),
        deps,
        SchedulingRequest.runIf(body),
        pipelineId,
        key);
  }

  /**
   * Checks a request and resolves its config (read on the I/O pool when it names a file, or taken
   * from {@code preloaded}), without writing anything.
   */
  Future<Prepared> prepare(
      String jobId,
      JsonObject body,
      Scheduling scheduling,
      Preloaded preloaded,
      String rerunOf,
      JobOrigin origin) {
    String host = host(body);
    Future<Plan> plan;
    if (preloaded != null) {
      plan =
          Future.succeededFuture(
              new Plan(
                  body,
                  object(preloaded.loaded().parsed()),
                  preloaded.loaded().text(),
                  preloaded.configPath(),
                  null,
                  host,
                  null,
                  null));
    } else {
      plan = plan(jobId, body, host);
    }
    return plan.map(this::validate).map(p -> prepared(jobId, p, scheduling, rerunOf, origin));
  }

  private Future<Plan> plan(String jobId, JsonObject body, String host) {
    String configPath = body.getString(CONFIG_PATH);
    configPath = configPath == null || configPath.isEmpty() ? null : configPath;
    JsonObject inline = body.getJsonObject("config");
    if (configPath != null) {
      String rel = ExperimentSource.configRelativePath(configPath, layout.configs());
      return configs
          .read(rel)
          .map(
              loaded ->
                  new Plan(
                      body,
                      object(loaded.parsed()),
                      loaded.text(),
                      "configs/" + rel,
                      null,
                      host,
                      null,
                      null));
    }
    if (inline != null && !inline.isEmpty()) {
      String name = ExperimentSource.inlineFileName(body.getString("save_as"), jobId);
      // Written as YAML on the YAML pool, within the size limit: the saved file must be readable.
      return yaml.dumpSorted(inline, "The inline config")
          .map(
              text ->
                  new Plan(
                      body,
                      inline,
                      text,
                      "configs/" + name,
                      layout.configs().resolve(name),
                      host,
                      null,
                      null));
    }
    return Future.failedFuture(ApiFailure.badRequest("Missing config or config_path"));
  }

  void refuseWhileDraining() {
    if (d.draining) {
      throw ApiFailure.unavailable("Coordinator is shutting down");
    }
    if (d.config.hosts().available().isEmpty()) {
      throw ApiFailure.unavailable("No hosts configured");
    }
  }

  private String host(JsonObject body) {
    String host = blankToNull(body.getString(TARGET_HOST));
    if (host != null) {
      KnownHosts.require(d.config.hosts(), host);
    }
    return host;
  }

  private static JsonObject object(Object parsed) {
    if (!(parsed instanceof JsonObject config)) {
      throw ApiFailure.badRequest("Invalid config format");
    }
    return config;
  }

  private Plan validate(Plan p) {
    ExperimentSource.executorKeys(p.config())
        .ifPresent(
            keys -> {
              throw ApiFailure.badRequest(
                  "Config contains executor-specific fields under 'execution' ("
                      + keys
                      + "). Move execution options to run-simulation payload.");
            });
    String tag = ImageTags.normalise(p.body().getString(IMAGE_TAG));
    JsonObject options = SchedulerOptions.normalise(p.body().getJsonObject(SCHEDULER_OPTIONS));
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
        p.config(),
        p.configText(),
        p.configPath(),
        p.inlineFile(),
        p.targetHost(),
        tag,
        options);
  }

  private Prepared prepared(
      String jobId, Plan p, Scheduling scheduling, String rerunOf, JobOrigin origin) {
    JsonObject body = p.body();
    ExperimentIdentity identity = ExperimentIdentity.of(p.config());
    String jobName = identity.jobName(body.getString(JOB_NAME));
    String image = ImageTags.image(d.config.jobs().imageRepository(), p.imageTag());
    JsonObject resolved =
        ResolvedConfig.resolve(p.config(), d.config.storage().sharedRoot().toString());
    List<String> args = new ArrayList<>();
    JsonArray extra = body.getJsonArray(EXTRA_ARGS);
    if (extra != null) {
      extra.forEach(a -> args.add(String.valueOf(a)));
    }
    Resources resources = ResourcesJson.fromJson(body.getJsonObject(RESOURCES));
    JobSpec spec =
        new JobSpec(
            jobId,
            jobName,
            p.configPath(),
            identity.experimentName(),
            identity.runName(),
            blankToNull(body.getString(SUBMITTED_BY)),
            image,
            p.imageTag(),
            JsonPlain.map(p.options()),
            resources,
            args,
            resolved != null,
            true,
            rerunOf,
            d.now(),
            d.nextSeq(),
            scheduling,
            origin);
    Job job = firstState(spec, Placement.of(p.targetHost()));
    String inlineYaml = p.inlineFile() == null ? null : p.configText();
    // The job runs from its own copy, so editing or deleting the file in configs/ cannot change it.
    String snapshot = p.configText();
    var files =
        new JobStore.ConfigFiles(
            snapshot, resolved == null ? null : Yaml.dump(resolved), p.inlineFile(), inlineYaml);
    JsonObject answer =
        new JsonObject()
            .put(JOB_ID, jobId)
            .put(STATUS, job.status().wire())
            .put("host", p.targetHost())
            .put(JOB_NAME, jobName)
            .put(IMAGE_TAG, p.imageTag())
            .put(IMAGE, image);
    if (rerunOf != null) {
      answer.put(RERUN_OF, rerunOf);
    }
    if (origin.idempotency() != null) {
      // The answer is kept with the job: a repeated request gets it again, also after a restart.
      JobSpec keyed =
          spec.withOrigin(
              origin.withIdempotency(
                  new JobOrigin.Idempotency(
                      origin.idempotency().key(),
                      origin.idempotency().digest(),
                      JsonPlain.map(answer))));
      job = firstState(keyed, Placement.of(p.targetHost()));
    }
    return new Prepared(job, files, answer);
  }

  /**
   * A new job's first state: queued, or waiting for its dependencies, or (when one of them already
   * ended in a way that rules it out) canceled at once. Dependencies that are not registered are
   * jobs created with it (a pipeline's) and count as not ended.
   */
  private Job firstState(JobSpec spec, Placement placement) {
    if (!spec.scheduling().hasDependencies()) {
      return Job.accepted(spec, placement);
    }
    Dependencies.Verdict v =
        Dependencies.evaluate(
            spec.scheduling(),
            id -> d.registry.get(id) == null ? JobStatus.WAITING : d.statusOf(id));
    Job waiting = Job.accepted(spec, placement, v.kind() != Dependencies.Kind.READY);
    return v.kind() != Dependencies.Kind.BLOCKED
        ? waiting
        : waiting
            .change(spec.submittedAt())
            .end(
                JobStatus.CANCELED,
                Dependencies.DEPENDENCY_FAILED,
                StatusNote.failedDependency(v.blocker()),
                false);
  }

  /** Writes a prepared job, then shows it (and queues it, or starts its wait). */
  Future<JsonObject> create(Prepared p) {
    Job job = p.job();
    return d.serially(job.jobId(), deadline -> d.store.create(job, p.files(), deadline))
        .compose(v -> d.followUps(job, d.install(job, job)))
        .map(v -> p.answer());
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
