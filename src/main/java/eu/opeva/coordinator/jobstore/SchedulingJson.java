package eu.opeva.coordinator.jobstore;

import static eu.opeva.coordinator.domain.JobFields.BACKOFF_SECONDS;
import static eu.opeva.coordinator.domain.JobFields.DEPENDS_ON;
import static eu.opeva.coordinator.domain.JobFields.EXIT_CODES;
import static eu.opeva.coordinator.domain.JobFields.MAX_ATTEMPTS;
import static eu.opeva.coordinator.domain.JobFields.MAX_BACKOFF_SECONDS;
import static eu.opeva.coordinator.domain.JobFields.ON;
import static eu.opeva.coordinator.domain.JobFields.PIPELINE_ID;
import static eu.opeva.coordinator.domain.JobFields.PIPELINE_KEY;
import static eu.opeva.coordinator.domain.JobFields.PRIORITY;
import static eu.opeva.coordinator.domain.JobFields.RETRY;
import static eu.opeva.coordinator.domain.JobFields.RUN_IF;

import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.domain.RetryPolicy;
import eu.opeva.coordinator.domain.RunIf;
import eu.opeva.coordinator.domain.Scheduling;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A job's scheduling (priority, retry policy, dependencies, pipeline) in its {@code job_info}. */
public final class SchedulingJson {
  private SchedulingJson() {}

  static void write(JsonObject info, Scheduling s) {
    info.put(PRIORITY, s.priority());
    if (s.retry() != null) {
      info.put(RETRY, retry(s.retry()));
    }
    if (s.hasDependencies()) {
      info.put(DEPENDS_ON, new JsonArray(s.dependsOn())).put(RUN_IF, s.runIf().wire());
    }
    JobCodec.put(info, PIPELINE_ID, s.pipelineId());
    JobCodec.put(info, PIPELINE_KEY, s.pipelineKey());
  }

  /** A retry policy as JSON, times in seconds. */
  public static JsonObject retry(RetryPolicy r) {
    return new JsonObject()
        .put(MAX_ATTEMPTS, r.maxAttempts())
        .put(BACKOFF_SECONDS, EpochTime.durationSeconds(r.backoffMs()))
        .put(MAX_BACKOFF_SECONDS, EpochTime.durationSeconds(r.maxBackoffMs()))
        .put(ON, new JsonArray(r.on().stream().map(RetryPolicy.Cause::wire).sorted().toList()))
        .put(EXIT_CODES, new JsonArray(r.exitCodes()));
  }

  static Scheduling read(JsonObject info) {
    List<String> deps = new ArrayList<>();
    if (info.getValue(DEPENDS_ON) instanceof JsonArray a) {
      a.forEach(x -> deps.add(String.valueOf(x)));
    }
    Object retry = info.getValue(RETRY);
    return new Scheduling(
        info.getInteger(PRIORITY, 0),
        retry instanceof JsonObject r ? retry(r, null) : null,
        deps,
        RunIf.parse(info.getString(RUN_IF)).orElse(RunIf.ALL_FINISHED),
        JobCodec.blankToNull(info.getString(PIPELINE_ID)),
        JobCodec.blankToNull(info.getString(PIPELINE_KEY)));
  }

  /**
   * A retry policy from JSON; missing fields from {@code defaults} (when given). Unknown causes are
   * ignored here: the contract refuses them at submission.
   */
  public static RetryPolicy retry(JsonObject r, RetryPolicy defaults) {
    Set<RetryPolicy.Cause> on = EnumSet.noneOf(RetryPolicy.Cause.class);
    if (r.getValue(ON) instanceof JsonArray a) {
      a.forEach(x -> RetryPolicy.Cause.parse(String.valueOf(x)).ifPresent(on::add));
    } else if (defaults != null) {
      on.addAll(defaults.on());
    }
    List<Integer> codes = new ArrayList<>();
    if (r.getValue(EXIT_CODES) instanceof JsonArray a) {
      a.forEach(x -> codes.add(((Number) x).intValue()));
    } else if (defaults != null) {
      codes.addAll(defaults.exitCodes());
    }
    return new RetryPolicy(
        r.getInteger(MAX_ATTEMPTS, defaults == null ? 1 : defaults.maxAttempts()),
        seconds(r.getValue(BACKOFF_SECONDS), defaults == null ? 0 : defaults.backoffMs()),
        seconds(r.getValue(MAX_BACKOFF_SECONDS), defaults == null ? 0 : defaults.maxBackoffMs()),
        on,
        codes);
  }

  private static long seconds(Object value, long fallbackMs) {
    return value instanceof Number n ? Math.round(n.doubleValue() * 1000) : fallbackMs;
  }
}
