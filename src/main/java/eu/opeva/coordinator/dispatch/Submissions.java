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
import eu.opeva.coordinator.domain.ImageTags;
import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobSpec;
import eu.opeva.coordinator.domain.Placement;
import eu.opeva.coordinator.domain.Resources;
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

  Future<JsonObject> submit(JsonObject body) {
    refuseWhileDraining();
    String jobId = UUID.randomUUID().toString();
    String host = host(body);
    String configPath = body.getString(CONFIG_PATH);
    configPath = configPath == null || configPath.isEmpty() ? null : configPath;
    JsonObject inline = body.getJsonObject("config");
    Future<Plan> plan;
    if (configPath != null) {
      String rel = ExperimentSource.configRelativePath(configPath, layout.configs());
      plan =
          configs
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
    } else if (inline != null && !inline.isEmpty()) {
      String name = ExperimentSource.inlineFileName(body.getString("save_as"), jobId);
      // Written as YAML on the YAML pool, within the size limit: the saved file must be readable.
      plan =
          yaml.dumpSorted(inline, "The inline config")
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
    } else {
      return Future.failedFuture(ApiFailure.badRequest("Missing config or config_path"));
    }
    return plan.map(this::validate).compose(p -> write(jobId, p, null));
  }

  /** A new job from an already loaded config (a re-run), with the same checks as a submission. */
  Future<JsonObject> resubmit(
      JsonObject body, String configPath, ConfigReader.Loaded loaded, String rerunOf) {
    refuseWhileDraining();
    Plan plan =
        validate(
            new Plan(
                body,
                object(loaded.parsed()),
                loaded.text(),
                configPath,
                null,
                host(body),
                null,
                null));
    return write(UUID.randomUUID().toString(), plan, rerunOf);
  }

  private void refuseWhileDraining() {
    if (d.draining) {
      throw ApiFailure.unavailable("Coordinator is shutting down");
    }
    if (d.config.hosts().available().isEmpty()) {
      throw ApiFailure.unavailable("No hosts configured");
    }
  }

  private String host(JsonObject body) {
    String host = blankToNull(body.getString(TARGET_HOST));
    if (host != null && !d.config.hosts().isKnown(host)) {
      throw ApiFailure.badRequest(
          "Unknown host '"
              + host
              + "'. Allowed: "
              + new JsonArray(d.config.hosts().available()).encode());
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

  private Future<JsonObject> write(String jobId, Plan p, String rerunOf) {
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
            d.nextSeq());
    Job job = Job.accepted(spec, Placement.of(p.targetHost()));
    String inlineYaml = p.inlineFile() == null ? null : p.configText();
    // The job runs from its own copy, so editing or deleting the file in configs/ cannot change it.
    String snapshot = p.configText();
    var files =
        new JobStore.ConfigFiles(
            snapshot, resolved == null ? null : Yaml.dump(resolved), p.inlineFile(), inlineYaml);
    return d.serially(jobId, deadline -> d.store.create(job, files, deadline))
        .map(
            v -> {
              d.install(job, job);
              JsonObject answer =
                  new JsonObject()
                      .put(JOB_ID, jobId)
                      .put(STATUS, job.status().wire())
                      .put("host", p.targetHost())
                      .put(JOB_NAME, jobName)
                      .put(IMAGE_TAG, p.imageTag())
                      .put(IMAGE, image);
              return rerunOf == null ? answer : answer.put(RERUN_OF, rerunOf);
            });
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
