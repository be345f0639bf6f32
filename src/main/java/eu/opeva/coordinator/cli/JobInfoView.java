package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code info}: a job's fields as "key: value" lines, then its attempts as a table. */
final class JobInfoView {
  private JobInfoView() {}

  static void print(Output out, JsonObject info) {
    Instant now = out.now();
    List<String[]> lines = new ArrayList<>();
    add(lines, "job", info.getString("job_id"));
    add(lines, "name", info.getString("job_name"));
    add(lines, "status", out.status(info.getString("status")));
    add(lines, "host", info.getString("target_host", "any"));
    add(lines, "submitted by", info.getString("submitted_by"));
    add(lines, "config", info.getString("config_path"));
    add(lines, "image", info.getString("image"));
    add(lines, "priority", str(info.getValue("priority")));
    add(lines, "extra args", join(info.getJsonArray("extra_args")));
    add(lines, "depends on", join(info.getJsonArray("depends_on")));
    add(lines, "dependents", join(info.getJsonArray("dependents")));
    add(lines, "children", join(info.getJsonArray("children")));
    add(lines, "parent", info.getString("parent_job_id"));
    add(lines, "rerun of", info.getString("rerun_of"));
    add(lines, "pipeline", info.getString("pipeline_id"));
    for (String t : List.of("submitted_at", "queued_at", "started_at", "finished_at")) {
      Object v = info.getValue(t);
      if (v != null) {
        add(lines, t.replace("_at", ""), Times.instant(v) + " (" + Times.relative(v, now) + ")");
      }
    }
    add(lines, "queue wait", dur(info.getValue("queue_wait_seconds")));
    add(lines, "run time", dur(info.getValue("run_duration_seconds")));
    add(lines, "exit code", str(info.getValue("exit_code")));
    add(lines, "error", info.getString("error"));
    add(lines, "mlflow", info.getString("mlflow_run_url"));
    int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0);
    for (String[] l : lines) {
      out.line(l[0] + ":" + " ".repeat(width - l[0].length() + 1) + l[1]);
    }
    JsonArray history = info.getJsonArray("history", new JsonArray());
    if (!history.isEmpty()) {
      out.line("");
      Table t = new Table("ATTEMPT", "WORKER", "STATUS", "STARTED", "RAN", "REASON");
      for (Object o : history) {
        JsonObject a = (JsonObject) o;
        Double ran = span(a.getValue("started_at"), a.getValue("ended_at"));
        t.row(
            str(a.getValue("attempt")),
            a.getString("worker_id"),
            out.status(a.getString("status")),
            Times.relative(a.getValue("started_at", a.getValue("dispatched_at")), now),
            Times.duration(ran),
            a.getString("reason"));
      }
      t.print(out);
    }
  }

  private static Double span(Object from, Object to) {
    Instant a = Times.instant(from);
    Instant b = Times.instant(to);
    return a == null || b == null ? null : (b.toEpochMilli() - a.toEpochMilli()) / 1000.0;
  }

  private static void add(List<String[]> lines, String key, String value) {
    if (value != null && !value.isEmpty() && !value.equals("-")) {
      lines.add(new String[] {key, value});
    }
  }

  private static String dur(Object seconds) {
    return seconds == null ? null : Times.duration(seconds);
  }

  private static String str(Object v) {
    return v == null ? null : String.valueOf(v);
  }

  private static String join(JsonArray a) {
    return a == null || a.isEmpty()
        ? null
        : String.join(", ", a.stream().map(String::valueOf).toList());
  }
}
