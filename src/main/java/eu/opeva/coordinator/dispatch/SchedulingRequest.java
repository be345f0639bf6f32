package eu.opeva.coordinator.dispatch;

import static eu.opeva.coordinator.domain.JobFields.BACKOFF_SECONDS;
import static eu.opeva.coordinator.domain.JobFields.DEPENDS_ON;
import static eu.opeva.coordinator.domain.JobFields.EXIT_CODES;
import static eu.opeva.coordinator.domain.JobFields.MAX_ATTEMPTS;
import static eu.opeva.coordinator.domain.JobFields.MAX_BACKOFF_SECONDS;
import static eu.opeva.coordinator.domain.JobFields.ON;
import static eu.opeva.coordinator.domain.JobFields.PRIORITY;
import static eu.opeva.coordinator.domain.JobFields.RETRY;
import static eu.opeva.coordinator.domain.JobFields.RUN_IF;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.RetryPolicy;
import eu.opeva.coordinator.domain.RunIf;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The scheduling fields of a submission, checked: {@code priority}, {@code retry}, {@code
 * depends_on} and {@code run_if}. Anything out of range is a 400 naming the field.
 */
final class SchedulingRequest {
  static final int MIN_PRIORITY = -100;
  static final int MAX_PRIORITY = 100;
  static final int MAX_DEPENDENCIES = 100;
  static final int MAX_ATTEMPTS_LIMIT = 100;
  static final double MAX_BACKOFF_LIMIT_SECONDS = 7 * 24 * 3600;
  private static final Set<String> RETRY_KEYS =
      Set.of(MAX_ATTEMPTS, BACKOFF_SECONDS, MAX_BACKOFF_SECONDS, ON, EXIT_CODES);

  private SchedulingRequest() {}

  static int priority(JsonObject body) {
    Object v = body.getValue(PRIORITY);
    if (v == null) {
      return 0;
    }
    long p = integer(PRIORITY, v);
    if (p < MIN_PRIORITY || p > MAX_PRIORITY) {
      throw ApiFailure.badRequest(
          "priority must be an integer from " + MIN_PRIORITY + " to " + MAX_PRIORITY);
    }
    return (int) p;
  }

  static RunIf runIf(JsonObject body) {
    Object v = body.getValue(RUN_IF);
    if (v == null) {
      return RunIf.ALL_FINISHED;
    }
    return RunIf.parse(v instanceof String s ? s : "")
        .orElseThrow(() -> ApiFailure.badRequest("run_if must be 'all_finished' or 'all_done'"));
  }

  /** The listed job ids (or pipeline keys), each once, in the order given. */
  static List<String> dependsOn(JsonObject body) {
    Object v = body.getValue(DEPENDS_ON);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray list)) {
      throw ApiFailure.badRequest("depends_on must be a list of job ids");
    }
    if (list.size() > MAX_DEPENDENCIES) {
      throw ApiFailure.badRequest(
          "depends_on lists " + list.size() + " jobs; at most " + MAX_DEPENDENCIES);
    }
    Set<String> ids = new LinkedHashSet<>();
    for (Object id : list) {
      if (!(id instanceof String s) || s.isBlank()) {
        throw ApiFailure.badRequest("depends_on must be a list of job ids (non-empty strings)");
      }
      ids.add(s.strip());
    }
    return List.copyOf(ids);
  }

  /**
   * The job's own retry policy, fields it leaves out taken from {@code defaults}; null when the
   * request names none (the job follows the configured policy).
   */
  static RetryPolicy retry(JsonObject body, RetryPolicy defaults) {
    Object v = body.getValue(RETRY);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonObject r)) {
      throw ApiFailure.badRequest("retry must be an object");
    }
    for (String key : r.fieldNames()) {
      if (!RETRY_KEYS.contains(key)) {
        throw ApiFailure.badRequest(
            "retry: unknown field '" + key + "' (allowed: " + String.join(", ", sorted()) + ")");
      }
    }
    int attempts =
        r.getValue(MAX_ATTEMPTS) == null
            ? defaults.maxAttempts()
            : (int) bounded("retry.max_attempts", r.getValue(MAX_ATTEMPTS), 1, MAX_ATTEMPTS_LIMIT);
    long backoff =
        r.getValue(BACKOFF_SECONDS) == null
            ? defaults.backoffMs()
            : millis("retry.backoff_seconds", r.getValue(BACKOFF_SECONDS));
    long maxBackoff =
        r.getValue(MAX_BACKOFF_SECONDS) == null
            ? Math.max(defaults.maxBackoffMs(), backoff)
            : millis("retry.max_backoff_seconds", r.getValue(MAX_BACKOFF_SECONDS));
    if (maxBackoff < backoff) {
      throw ApiFailure.badRequest("retry.max_backoff_seconds must not be below backoff_seconds");
    }
    Set<RetryPolicy.Cause> on = EnumSet.noneOf(RetryPolicy.Cause.class);
    if (r.getValue(ON) == null) {
      on.addAll(defaults.on());
    } else {
      for (Object c : list("retry.on", r.getValue(ON))) {
        on.add(
            RetryPolicy.Cause.parse(c instanceof String s ? s : "")
                .orElseThrow(
                    () ->
                        ApiFailure.badRequest(
                            "retry.on: unknown cause '"
                                + c
                                + "' (worker_lost, stale, exit_code)")));
      }
    }
    List<Integer> codes = new ArrayList<>();
    if (r.getValue(EXIT_CODES) == null) {
      codes.addAll(defaults.exitCodes());
    } else {
      for (Object c : list("retry.exit_codes", r.getValue(EXIT_CODES))) {
        codes.add((int) bounded("retry.exit_codes", c, 1, 255));
      }
    }
    return new RetryPolicy(attempts, backoff, maxBackoff, on, codes);
  }

  private static List<String> sorted() {
    return RETRY_KEYS.stream().sorted().toList();
  }

  private static JsonArray list(String field, Object v) {
    if (!(v instanceof JsonArray a)) {
      throw ApiFailure.badRequest(field + " must be a list");
    }
    if (a.size() > 256) {
      throw ApiFailure.badRequest(field + " lists too many values (at most 256)");
    }
    return a;
  }

  private static long millis(String field, Object v) {
    if (!(v instanceof Number n)
        || Double.isNaN(n.doubleValue())
        || n.doubleValue() < 0
        || n.doubleValue() > MAX_BACKOFF_LIMIT_SECONDS) {
      throw ApiFailure.badRequest(
          field + " must be a number of seconds from 0 to " + (long) MAX_BACKOFF_LIMIT_SECONDS);
    }
    return Math.round(n.doubleValue() * 1000);
  }

  private static long bounded(String field, Object v, long min, long max) {
    long n = integer(field, v);
    if (n < min || n > max) {
      throw ApiFailure.badRequest(field + " must be an integer from " + min + " to " + max);
    }
    return n;
  }

  private static long integer(String field, Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      return ((Number) v).longValue();
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      double d = n.doubleValue();
      if (Math.abs(d) < 1e15) {
        return (long) d;
      }
    }
    throw ApiFailure.badRequest(field + " must be an integer");
  }
}
