package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code list}: jobs, newest first, as a table. Status and host filter on the coordinator; name and
 * submitter filter here, reading pages of jobs from the newest back until enough matched.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Jobs, newest first: an aligned table with relative times (--wide: more)")
public final class ListCommand implements Callable<Integer> {
  private static final int PAGE = 500;

  @Mixin ClientOptions client;

  @Option(names = "--status", paramLabel = "STATUS", description = "Only jobs in this status")
  String status;

  @Option(names = "--host", paramLabel = "HOST", description = "Only jobs of this host")
  String host;

  @Option(
      names = "--name",
      paramLabel = "TEXT",
      description = "Only jobs whose name contains TEXT (any case)")
  String name;

  @Option(names = "--submitter", paramLabel = "USER", description = "Only jobs of this user")
  String submitter;

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "N",
      defaultValue = "20",
      description = "At most N jobs (default ${DEFAULT-VALUE})")
  int limit;

  @Option(
      names = "--offset",
      paramLabel = "N",
      defaultValue = "0",
      description = "Skip the N newest matching jobs (the next page: --offset 20)")
  int offset;

  @Option(names = "--all", description = "Every matching job (no limit)")
  boolean all;

  @Option(names = "--wide", description = "More columns: submitter, priority, attempt, times")
  boolean wide;

  @Override
  public Integer call() {
    if (limit < 1 || offset < 0) {
      throw CliException.usage("--limit must be at least 1 and --offset at least 0");
    }
    int want = all ? Integer.MAX_VALUE : limit;
    Page page = name == null && submitter == null ? serverPage(want) : filtered(want);
    Output out = client.out();
    if (out.json()) {
      out.print(new JsonArray(new ArrayList<>(page.jobs)));
      return ExitCodes.OK;
    }
    if (page.jobs.isEmpty()) {
      out.say("no jobs");
      return ExitCodes.OK;
    }
    table(out, page.jobs);
    if (page.more) {
      out.say(
          out.dim(
              "jobs "
                  + (offset + 1)
                  + "-"
                  + (offset + page.jobs.size())
                  + (page.total >= 0 ? " of " + page.total : "")
                  + "; the next ones: --offset "
                  + (offset + page.jobs.size())));
    }
    return ExitCodes.OK;
  }

  /** Jobs, newest first, with {@code more} when there are older ones; total when known. */
  private record Page(List<JsonObject> jobs, boolean more, int total) {}

  /** The coordinator lists oldest first, with the count in X-Total-Count: read from the end. */
  private Page serverPage(int want) {
    int total = total();
    int end = Math.max(0, total - offset);
    int start = want >= end ? 0 : end - want;
    List<JsonObject> jobs = end == 0 ? new ArrayList<>() : fetch(start, end - start);
    Collections.reverse(jobs);
    return new Page(jobs, start > 0, total);
  }

  private Page filtered(int want) {
    List<JsonObject> matched = new ArrayList<>();
    int skipped = 0;
    int end = total();
    // One match beyond what is wanted tells whether there are more.
    while (end > 0 && matched.size() <= want) {
      int start = Math.max(0, end - PAGE);
      List<JsonObject> jobs = fetch(start, end - start);
      Collections.reverse(jobs);
      for (JsonObject job : jobs) {
        if (matches(job) && skipped++ >= offset && matched.size() <= want) {
          matched.add(job);
        }
      }
      end = start;
    }
    boolean more = matched.size() > want;
    return new Page(more ? matched.subList(0, want) : matched, more, -1);
  }

  private boolean matches(JsonObject job) {
    JsonObject info = job.getJsonObject("job_info", new JsonObject());
    String jobName = info.getString("job_name", "");
    return (name == null
            || jobName.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT)))
        && (submitter == null || submitter.equals(info.getString("submitted_by")));
  }

  private int total() {
    Reply r = request(0, 1).send();
    String count = r.header("X-Total-Count");
    return count == null ? r.array().size() : Integer.parseInt(count);
  }

  private List<JsonObject> fetch(int from, int count) {
    List<JsonObject> jobs = new ArrayList<>();
    for (Object o : request(from, count).send().array()) {
      jobs.add((JsonObject) o);
    }
    return jobs;
  }

  private Api.Request request(int from, int count) {
    return client
        .api()
        .get("/jobs")
        .query("status", status)
        .query("host", host)
        .query("offset", from)
        .query("limit", Math.max(1, count));
  }

  private void table(Output out, List<JsonObject> jobs) {
    Instant now = out.now();
    Table t =
        wide
            ? new Table(
                "JOB",
                "NAME",
                "STATUS",
                "HOST",
                "SUBMITTER",
                "PRI",
                "TRY",
                "SUBMITTED",
                "STARTED",
                "ENDED",
                "WAITED",
                "RAN")
            : new Table("JOB", "NAME", "STATUS", "HOST", "SUBMITTED", "RAN");
    for (JsonObject job : jobs) {
      JsonObject info = job.getJsonObject("job_info", new JsonObject());
      JsonObject meta = job.getJsonObject("job_meta", new JsonObject());
      String jobHost = meta.getString("worker_id", info.getString("target_host"));
      List<String> row = new ArrayList<>();
      row.add(job.getString("job_id"));
      row.add(info.getString("job_name"));
      row.add(out.status(job.getString("status")));
      row.add(jobHost == null ? "any" : jobHost);
      if (wide) {
        row.add(info.getString("submitted_by"));
        row.add(String.valueOf(info.getValue("priority", 0)));
        row.add(String.valueOf(job.getValue("attempt_number", "-")));
      }
      row.add(Times.relative(job.getValue("submitted_at"), now));
      if (wide) {
        row.add(Times.relative(job.getValue("started_at"), now));
        row.add(Times.relative(job.getValue("finished_at"), now));
        row.add(Times.duration(job.getValue("queue_wait_seconds")));
      }
      row.add(Times.duration(job.getValue("run_duration_seconds")));
      t.row(row);
    }
    t.print(out);
  }
}
