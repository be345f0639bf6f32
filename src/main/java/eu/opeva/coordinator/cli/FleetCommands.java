package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hosts} and {@code queue}: the fleet and what waits for it. */
final class FleetCommands {
  private FleetCommands() {}

  @Command(
      name = "hosts",
      mixinStandardHelpOptions = true,
      description = "Worker hosts: online or not, last heartbeat, jobs running, slots")
  static int hosts(
      @Mixin ClientOptions client,
      @Option(names = "--wide", description = "Also load, memory and the jobs") boolean wide) {
    JsonObject answer = client.api().get("/hosts").send().object();
    Output out = client.out();
    if (out.json()) {
      out.print(answer);
      return ExitCodes.OK;
    }
    Instant now = out.now();
    List<String> headers =
        new ArrayList<>(
            List.of("HOST", "STATE", "LAST SEEN", "RUNNING", "SLOTS", "RUNNER", "VERSION"));
    if (wide) {
      headers.addAll(List.of("LOAD", "FREE MEM", "JOBS"));
    }
    Table t = new Table(headers);
    JsonObject hosts = answer.getJsonObject("hosts", new JsonObject());
    for (String host : hosts.fieldNames()) {
      JsonObject h = hosts.getJsonObject(host);
      JsonObject info = h.getJsonObject("info", new JsonObject());
      boolean online = h.getBoolean("online", false);
      List<String> row = new ArrayList<>();
      row.add(host);
      row.add(online ? out.good("online") : "offline");
      row.add(Times.relative(h.getValue("last_seen"), now));
      row.add(String.valueOf(h.getValue("running", 0)));
      row.add(slots(info));
      row.add(info.getString("executor"));
      row.add(info.getString("worker_version"));
      if (wide) {
        row.add(
            info.getValue("load_average") == null
                ? "-"
                : String.valueOf(info.getValue("load_average")));
        Object free = info.getValue("free_memory_mb");
        row.add(free == null ? "-" : free + " MB");
        JsonArray jobs = h.getJsonArray("active_job_ids", new JsonArray());
        String current = h.getString("current_job_id");
        row.add(
            jobs.isEmpty()
                ? current
                : String.join(",", jobs.stream().map(String::valueOf).toList()));
      }
      t.row(row);
    }
    t.print(out);
    return ExitCodes.OK;
  }

  private static String slots(JsonObject info) {
    if (info.getValue("slots") != null) {
      return String.valueOf(info.getValue("slots"));
    }
    JsonObject byProfile = info.getJsonObject("max_active_jobs_by_profile");
    if (byProfile != null && !byProfile.isEmpty()) {
      List<String> parts = new ArrayList<>();
      byProfile.forEach(e -> parts.add(e.getKey() + ":" + e.getValue()));
      return String.join(" ", parts);
    }
    Object max = info.getValue("max_active_jobs");
    return max == null ? "-" : String.valueOf(max);
  }

  @Command(
      name = "queue",
      mixinStandardHelpOptions = true,
      description = "Queued jobs in the order they are offered, with their effective priority")
  static int queue(@Mixin ClientOptions client) {
    JsonArray entries = client.api().get("/queue").send().array();
    Output out = client.out();
    if (out.json()) {
      out.print(entries);
      return ExitCodes.OK;
    }
    if (entries.isEmpty()) {
      out.say("the queue is empty");
      return ExitCodes.OK;
    }
    Instant now = out.now();
    Table t =
        new Table("POS", "JOB", "HOST", "PRIORITY", "EFFECTIVE", "WAITING", "SUBMITTER", "NOTE");
    for (Object o : entries) {
      JsonObject e = (JsonObject) o;
      String host = e.getString("preferred_host");
      boolean pinned = e.getBoolean("require_host", false);
      Object notBefore = e.getValue("not_before");
      t.row(
          e.getValue("position") == null ? "-" : String.valueOf(e.getValue("position")),
          e.getString("job_id"),
          host == null ? "any" : host + (pinned ? "" : " (preferred)"),
          String.valueOf(e.getValue("priority", 0)),
          e.getValue("effective_priority") == null
              ? "-"
              : String.valueOf(e.getValue("effective_priority")),
          Times.relative(e.getValue("enqueued_at"), now).replace(" ago", ""),
          e.getString("submitted_by"),
          notBefore == null ? "" : "retry " + Times.relative(notBefore, now));
    }
    t.print(out);
    return ExitCodes.OK;
  }
}
