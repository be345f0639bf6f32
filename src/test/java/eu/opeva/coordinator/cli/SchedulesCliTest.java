package eu.opeva.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "schedules create, list, show, pause, resume, run and delete against a live coordinator")
class SchedulesCliTest extends CliHttpTest {
  private static final String UUID = "[0-9a-f-]{36}";

  @Test
  @DisplayName("create sends the job inline with its options; list and show are tables; --json")
  void createListShow() {
    Path exp = file("exp.yaml", "experiment: {name: Exp, run_name: nightly}\n");
    CliRun.Result created =
        opeva(
            "schedules",
            "create",
            "nightly",
            exp.toString(),
            "--cron",
            "*/10 * * * *",
            "--timezone",
            "Europe/Lisbon",
            "--host",
            "worker-a",
            "--priority",
            "3",
            "--overlap",
            "allow");
    assertThat(created.code()).as(created.toString()).isZero();
    assertThat(created.out()).matches(UUID + "\n");
    String id = created.out().strip();
    assertThat(created.err()).contains("created schedule nightly as " + id + "; next run in 10m");

    JsonObject s = tc.get("/schedules/" + id).bodyAsJsonObject();
    assertThat(s.getString("timezone")).isEqualTo("Europe/Lisbon");
    assertThat(s.getString("overlap")).isEqualTo("allow");
    JsonObject job = s.getJsonObject("job");
    assertThat(job.getString("target_host")).isEqualTo("worker-a");
    assertThat(job.getInteger("priority")).isEqualTo(3);
    assertThat(job.getJsonObject("config").getJsonObject("experiment").getString("run_name"))
        .isEqualTo("nightly");

    CliRun.Result list = opeva("schedules", "list");
    assertThat(list.code()).as(list.toString()).isZero();
    String header = list.lines().get(0);
    assertThat(header.split("  +"))
        .containsExactly(
            "SCHEDULE", "NAME", "CRON", "ZONE", "STATE", "NEXT RUN", "LAST RUN", "LAST");
    assertThat(list.lines().get(1))
        .startsWith(id + "  nightly  */10 * * * *  Europe/Lisbon  active");
    assertThat(list.lines().get(1).substring(header.indexOf("NEXT RUN"))).startsWith("in 10m");
    JsonObject listJson = opeva("schedules", "list", "--json").json();
    assertThat(listJson.getInteger("total")).isEqualTo(1);
    assertThat(listJson.getJsonArray("schedules").getJsonObject(0).getString("schedule_id"))
        .isEqualTo(id);

    CliRun.Result show = opeva("schedules", "show", id);
    assertThat(show.lines())
        .startsWith(
            "nightly " + id,
            "cron:     */10 * * * * (Europe/Lisbon)",
            "state:    active",
            "submits:  a job",
            "overlap:  allow, catch-up once");
    assertThat(show.lines().get(5)).startsWith("next run: in 10m");
    assertThat(opeva("schedules", "show", id, "--json").json().getString("cron"))
        .isEqualTo("*/10 * * * *");

    Path pipe =
        file(
            "pipe.yaml",
            "name: chain\njobs:\n  - {key: a, config_file: exp.yaml}\n"
                + "  - {key: b, config_path: demo.yaml, depends_on: [a]}\n");
    CliRun.Result pipeline =
        opeva("schedules", "create", "chain", "--pipeline", pipe.toString(), "--cron", "0 2 * * *");
    assertThat(pipeline.code()).as(pipeline.toString()).isZero();
    JsonObject p = tc.get("/schedules/" + pipeline.out().strip()).bodyAsJsonObject();
    assertThat(p.getJsonObject("pipeline").getJsonArray("jobs")).hasSize(2);
    assertThat(opeva("schedules", "show", pipeline.out().strip()).out())
        .contains("submits:  a pipeline");
  }

  @Test
  @DisplayName("bad input exits 2 and makes nothing: a bad cron, zone, policy, two targets, none")
  void usage() {
    Path exp = file("exp.yaml", "experiment: {name: Exp, run_name: r}\n");
    Path pipe = file("pipe.yaml", "jobs:\n  - {key: a, config_path: demo.yaml}\n");
    String[][] cases = {
      {"schedules", "create", "x", exp.toString(), "--cron", "61 * * * *"},
      {"schedules", "create", "x", exp.toString(), "--cron", "* * * * *", "--timezone", "Lisbon"},
      {"schedules", "create", "x", exp.toString(), "--cron", "* * * * *", "--overlap", "queue"},
      {
        "schedules",
        "create",
        "x",
        exp.toString(),
        "--pipeline",
        pipe.toString(),
        "--cron",
        "* * * * *"
      },
      {"schedules", "create", "x", "--cron", "* * * * *"},
      {"schedules", "create", "x", exp.toString()},
      {"schedules"},
    };
    for (String[] args : cases) {
      CliRun.Result r = opeva(args);
      assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isEqualTo(ExitCodes.USAGE);
      assertThat(r.out()).isEmpty();
    }
    CliRun.Result cron = opeva(cases[0]);
    assertThat(cron.err()).contains("cron: the minute field '61' is invalid");
    assertThat(tc.get("/schedules").bodyAsJsonObject().getInteger("total")).isZero();
  }

  @Test
  @DisplayName("pause and resume; run now prints the job it made, a skipped run exits 1; delete")
  void actions() {
    String id =
        opeva(
                "schedules",
                "create",
                "hourly",
                "--config-path",
                "demo.yaml",
                "--host",
                "worker-b",
                "--cron",
                "0 * * * *",
                "--paused")
            .out()
            .strip();
    assertThat(opeva("schedules", "show", id).out()).contains("state:    paused");

    CliRun.Result resumed = opeva("schedules", "resume", id);
    assertThat(resumed.code()).as(resumed.toString()).isZero();
    assertThat(resumed.err()).isEqualTo("schedule " + id + " resumed; next run in 1h\n");
    CliRun.Result paused = opeva("schedules", "pause", id, "--json");
    assertThat(paused.json().getBoolean("enabled")).isFalse();
    assertThat(paused.json().getValue("next_run_at")).isNull();

    CliRun.Result run = opeva("schedules", "run", id);
    assertThat(run.code()).as(run.toString()).isZero();
    String job = run.out().strip();
    assertThat(job).matches(UUID);
    assertThat(run.err()).contains("schedule " + id + " ran: submitted");
    assertThat(jobs.state(job)).isEqualTo("queued");

    clock.advance(Duration.ofSeconds(5));
    CliRun.Result skipped = opeva("schedules", "run", id);
    assertThat(skipped.code()).as(skipped.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(skipped.out()).isEmpty();
    assertThat(skipped.err()).contains("skipped").contains("overlap is skip").contains(job);

    CliRun.Result show = opeva("schedules", "show", id);
    assertThat(show.out()).containsPattern("PLANNED +TRIGGER +STATE +JOB OR PIPELINE +STATUS");
    assertThat(show.out()).containsPattern("manual +submitted +" + job + " +queued");
    JsonArray runs = opeva("schedules", "show", id, "--json").json().getJsonArray("runs");
    assertThat(runs).hasSize(2);
    assertThat(runs.getJsonObject(0).getString("state")).isEqualTo("skipped");

    CliRun.Result deleted = opeva("schedules", "delete", id);
    assertThat(deleted.code()).as(deleted.toString()).isZero();
    assertThat(jobs.state(job)).as("what it submitted stays").isEqualTo("queued");
    for (String action : new String[] {"show", "pause", "resume", "run", "delete"}) {
      CliRun.Result r = opeva("schedules", action, id);
      assertThat(r.code()).as(action + "\n" + r).isEqualTo(ExitCodes.NOT_FOUND);
    }
    assertThat(opeva("schedules", "list").err()).contains("no schedules");
  }
}
