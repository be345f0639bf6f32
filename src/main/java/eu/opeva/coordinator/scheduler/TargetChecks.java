package eu.opeva.coordinator.scheduler;

import static eu.opeva.coordinator.domain.JobFields.CONFIG_PATH;
import static eu.opeva.coordinator.domain.JobFields.TARGET_HOST;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.dispatch.KnownHosts;
import eu.opeva.coordinator.experiments.ExperimentSource;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What can be known, when a schedule is made or changed, about the submissions it will make: each
 * job's {@code config_path} stays under {@code configs/}, its {@code save_as} is a plain config
 * name and its {@code target_host} is a configured host, as {@code POST /run-simulation} and {@code
 * POST /pipelines} require. A schedule that could never submit is a 400 now, not a failed run at
 * night. {@link #existing} then checks, on the I/O pool, that each named config file is there (404
 * as for a submission); a file removed later makes those runs fail, recorded with the reason.
 */
final class TargetChecks {
  private static final String JOBS = "jobs";
  private static final String SAVE_AS = "save_as";

  private final Settings config;
  private final Path configs;

  TargetChecks(Settings config) {
    this.config = config;
    this.configs = new SharedLayout(config.storage().sharedRoot()).configs();
  }

  /** A config file a job of the target names: where in the body, and its path under configs/. */
  record NamedConfig(String where, String relative) {}

  /** Checks what needs no file; the config files the target names. */
  List<NamedConfig> check(Schedule.Target target) {
    List<NamedConfig> named = new ArrayList<>();
    if (!target.pipeline()) {
      job(ScheduleRequest.JOB, target.body(), named);
      return named;
    }
    JsonArray jobs = target.body().getJsonArray(JOBS, new JsonArray());
    for (int i = 0; i < jobs.size(); i++) {
      if (jobs.getValue(i) instanceof JsonObject job) {
        job(ScheduleRequest.PIPELINE + ".jobs[" + i + "]", job, named);
      }
    }
    return named;
  }

  /** Each named config file is there (blocking: call it on the I/O pool). */
  void existing(List<NamedConfig> named) {
    for (NamedConfig c : named) {
      if (!Files.isRegularFile(configs.resolve(c.relative()))) {
        throw ApiFailure.notFound(
            c.where() + ": config file configs/" + c.relative() + " not found");
      }
    }
  }

  private void job(String where, JsonObject body, List<NamedConfig> named) {
    try {
      if (body.getValue(CONFIG_PATH) instanceof String path && !path.isEmpty()) {
        named.add(new NamedConfig(where, ExperimentSource.configRelativePath(path, configs)));
      }
      if (body.getValue(SAVE_AS) instanceof String name) {
        ExperimentSource.inlineFileName(name, "check");
      }
      if (body.getValue(TARGET_HOST) instanceof String host && !host.isBlank()) {
        KnownHosts.require(config.hosts(), host);
      }
    } catch (ApiFailure refused) {
      throw ApiFailure.badRequest(where + ": " + refused.detail());
    }
  }
}
