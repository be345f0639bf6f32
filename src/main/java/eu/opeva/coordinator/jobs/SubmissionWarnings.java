package eu.opeva.coordinator.jobs;

import static eu.opeva.coordinator.domain.JobFields.TARGET_HOST;

import eu.opeva.coordinator.monitor.MonitorClient;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds {@code warnings} to an accepted submission, re-run or pipeline whose jobs no agent seen
 * lately may run ({@link HostWarnings}); the answer is unchanged when there is nothing to say or
 * the monitor cannot be asked.
 */
final class SubmissionWarnings {
  static final String WARNINGS = "warnings";

  private final HostWarnings hosts;
  private final MonitorClient monitor;
  private final Clock clock;

  SubmissionWarnings(Settings config, MonitorClient monitor, Clock clock) {
    this.hosts = new HostWarnings(config);
    this.monitor = monitor;
    this.clock = clock;
  }

  /** A job's answer ({@code host}: its pinned host, or null) with its warnings. */
  Future<JsonObject> job(Future<JsonObject> answer) {
    return answer.compose(
        a ->
            monitor
                .hosts()
                .map(seen -> with(a, hosts.of(a.getString("host"), seen, now())))
                .otherwise(a));
  }

  /** A pipeline's answer with the warnings of its jobs' hosts (from the request's jobs). */
  Future<JsonObject> pipeline(JsonObject request, Future<JsonObject> answer) {
    Map<String, List<String>> keysByHost = new LinkedHashMap<>();
    if (request.getValue("jobs") instanceof JsonArray nodes) {
      for (Object o : nodes) {
        if (o instanceof JsonObject node) {
          String host = node.getValue(TARGET_HOST) instanceof String h ? h.strip() : "";
          keysByHost.computeIfAbsent(host, k -> new ArrayList<>()).add(node.getString("key"));
        }
      }
    }
    return answer.compose(
        a ->
            monitor
                .hosts()
                .map(
                    seen -> {
                      List<String> warnings = new ArrayList<>();
                      keysByHost.forEach(
                          (host, keys) ->
                              hosts
                                  .of(host.isEmpty() ? null : host, seen, now())
                                  .forEach(w -> warnings.add(jobs(keys) + ": " + w)));
                      return with(a, warnings);
                    })
                .otherwise(a));
  }

  private static String jobs(List<String> keys) {
    return (keys.size() == 1 ? "job " : "jobs ") + String.join(", ", keys);
  }

  private static JsonObject with(JsonObject answer, List<String> warnings) {
    return warnings.isEmpty() ? answer : answer.copy().put(WARNINGS, new JsonArray(warnings));
  }

  private long now() {
    return clock.millis();
  }
}
