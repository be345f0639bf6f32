package eu.opeva.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("submit, status, info, why, list, stop, rerun and delete against a live coordinator")
class JobCommandsCliTest extends CliHttpTest {
  private static final String UUID = "[0-9a-f-]{36}";

  @Test
  @DisplayName("submit sends a local YAML inline with every option, prints the id, and a key")
  void submitInline() throws Exception {
    Path exp =
        file("exp.yaml", "experiment: {name: Exp, run_name: r1}\nsimulation: {episodes: 2}\n");
    CliRun.Result r =
        opeva(
            "submit",
            exp.toString(),
            "--host",
            "worker-a",
            "--name",
            "my-job",
            "--image-tag",
            "v2",
            "--extra-arg",
            "--seed=3",
            "--extra-arg",
            "--fast",
            "--resources",
            "cpus=2,memory_mb=512",
            "--priority",
            "5",
            "--retry",
            "3",
            "--retry-on",
            "exit_code,worker_lost",
            "--retry-exit-code",
            "75",
            "--save-as",
            "exp-copy.yaml");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).matches(UUID + "\n");
    String id = r.out().strip();
    assertThat(r.err()).contains("submitted my-job as " + id + " (queued on worker-a)");
    JsonObject info = tc.get("/job-info/" + id).bodyAsJsonObject();
    assertThat(info.getString("job_name")).isEqualTo("my-job");
    assertThat(info.getString("target_host")).isEqualTo("worker-a");
    assertThat(info.getString("image_tag")).isEqualTo("v2");
    assertThat(info.getString("config_path")).isEqualTo("configs/exp-copy.yaml");
    assertThat(info.getInteger("priority")).isEqualTo(5);
    JsonObject onDisk = new JsonObject(Files.readString(jobs.jobDir(id).resolve("job_info.json")));
    assertThat(onDisk.getJsonArray("extra_args")).containsExactly("--seed=3", "--fast");
    JsonObject resources = onDisk.getJsonObject("resources");
    assertThat(resources.getDouble("cpus")).isEqualTo(2.0);
    assertThat(resources.getInteger("memory_mb")).isEqualTo(512);
    assertThat(onDisk.getJsonObject("retry").getInteger("max_attempts")).isEqualTo(3);
    assertThat(onDisk.getJsonObject("retry").getJsonArray("exit_codes")).containsExactly(75);
    assertThat(onDisk.getJsonObject("idempotency").getString("key")).isNotBlank();
    assertThat(Files.readString(root.resolve("configs/exp-copy.yaml"))).contains("Exp");
  }

  @Test
  @DisplayName("submit --json answers the coordinator's document; --depends-on waits for a job")
  void submitJson() {
    String first = jobs.submit("worker-a");
    CliRun.Result r =
        opeva("submit", "--config-path", "demo.yaml", "--depends-on", first, "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonObject answer = r.json();
    assertThat(answer.getString("job_id")).matches(UUID);
    assertThat(answer.getString("status")).isEqualTo("waiting");
    assertThat(answer.fieldNames()).contains("job_name", "host", "image");
  }

  @Test
  @DisplayName("usage errors exit 2: no or two sources, a missing or broken file, a refused value")
  void submitUsage() {
    Path bad = file("bad.yaml", "experiment: [unclosed\n");
    Path list = file("list.yaml", "- a\n- b\n");
    Path ok = file("ok.yaml", "experiment: {name: A, run_name: b}\n");
    for (String[] args :
        List.of(
            new String[] {"submit"},
            new String[] {"submit", ok.toString(), "--config-path", "demo.yaml"},
            new String[] {"submit", home().resolve("none.yaml").toString()},
            new String[] {"submit", bad.toString()},
            new String[] {"submit", list.toString()},
            new String[] {"submit", ok.toString(), "--priority", "500"},
            new String[] {"submit", ok.toString(), "--priority", "high"},
            new String[] {"submit", ok.toString(), "--no-such-option"})) {
      CliRun.Result r = opeva(args);
      assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isEqualTo(ExitCodes.USAGE);
      assertThat(r.out()).as("nothing on stdout").isEmpty();
      assertThat(r.err()).startsWith("opeva: ").doesNotContain("\tat ");
    }
    assertThat(tc.get("/jobs").bodyAsJsonArray()).isEmpty();
  }

  @Test
  @DisplayName(
      "list: an aligned table, newest first, relative times, filters, paging, --wide, --json")
  void listTable() {
    String old =
        jobs.submit(
            new JsonObject()
                .put("job_name", "alpha-one")
                .put("submitted_by", "ana")
                .put("target_host", "local"));
    clock.advance(Duration.ofMinutes(5));
    String running = jobs.running("worker-a");
    String queued =
        jobs.submit(
            new JsonObject()
                .put("job_name", "beta-two")
                .put("submitted_by", "bo")
                .put("target_host", "worker-b"));
    clock.advance(Duration.ofSeconds(30));

    CliRun.Result r = opeva("list");
    assertThat(r.code()).as(r.toString()).isZero();
    List<String> lines = r.lines();
    assertThat(lines).hasSize(4);
    String header = lines.get(0);
    assertThat(header.split(" +"))
        .containsExactly("JOB", "NAME", "STATUS", "HOST", "SUBMITTED", "RAN");
    assertThat(lines.get(1)).startsWith(queued);
    assertThat(lines.get(2)).startsWith(running);
    assertThat(lines.get(3)).startsWith(old);
    int status = header.indexOf("STATUS");
    int submitted = header.indexOf("SUBMITTED");
    assertThat(lines.get(1).substring(status)).startsWith("queued ");
    assertThat(lines.get(2).substring(status)).startsWith("running ");
    assertThat(lines.get(1).substring(submitted)).startsWith("30s ago");
    assertThat(lines.get(3).substring(submitted)).startsWith("5m ago");
    assertThat(lines.get(1)).contains("beta-two").contains("worker-b");
    assertThat(r.err()).isEmpty();

    assertThat(opeva("list", "--status", "running").lines())
        .hasSize(2)
        .last()
        .asString()
        .startsWith(running);
    assertThat(opeva("list", "--host", "worker-b").lines())
        .hasSize(2)
        .last()
        .asString()
        .startsWith(queued);
    assertThat(opeva("list", "--name", "ALPHA").lines())
        .hasSize(2)
        .last()
        .asString()
        .startsWith(old);
    assertThat(opeva("list", "--submitter", "bo").lines())
        .hasSize(2)
        .last()
        .asString()
        .startsWith(queued);

    CliRun.Result page = opeva("list", "-n", "2");
    assertThat(page.lines()).hasSize(3);
    assertThat(page.err()).contains("jobs 1-2 of 3").contains("--offset 2");
    CliRun.Result next = opeva("list", "-n", "2", "--offset", "2");
    assertThat(next.lines()).hasSize(2).last().asString().startsWith(old);
    CliRun.Result filteredPage = opeva("list", "--name", "a", "-n", "1");
    assertThat(filteredPage.lines()).hasSize(2);
    assertThat(filteredPage.err()).contains("--offset 1");

    CliRun.Result wide = opeva("list", "--wide");
    assertThat(wide.lines().get(0).split(" +"))
        .containsExactly(
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
            "RAN");
    assertThat(wide.lines().get(1)).contains(" bo ");

    JsonArray json = opeva("list", "--json").array();
    assertThat(json).hasSize(3);
    assertThat(json.getJsonObject(0).getString("job_id")).isEqualTo(queued);
    assertThat(json.getJsonObject(0).getJsonObject("job_info").getString("job_name"))
        .isEqualTo("beta-two");
    assertThat(opeva("list", "--status", "failed").err()).contains("no jobs");
    assertThat(opeva("list", "--status", "bogus").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  @DisplayName("status, info and why, as text and as JSON; an unknown job exits 3")
  void statusInfoWhy() {
    String id = jobs.running("worker-a");
    clock.advance(Duration.ofSeconds(12));

    CliRun.Result status = opeva("status", id);
    assertThat(status.out()).isEqualTo("running on worker-a, 12s ago\n");
    assertThat(opeva("status", id, "--json").json().getString("status")).isEqualTo("running");

    jobs.report(id, "finished", "worker-a");
    CliRun.Result info = opeva("info", id);
    assertThat(info.code()).isZero();
    assertThat(info.out()).contains("job:").contains(id).contains("status:").contains("finished");
    assertThat(info.out()).containsPattern("ATTEMPT +WORKER +STATUS").contains("worker-a");
    assertThat(opeva("info", id, "--json").json().getJsonArray("history")).hasSize(1);

    String queued = jobs.submit("worker-b");
    assertThat(opeva("why", id).out()).startsWith("finished").contains("ended:");
    CliRun.Result why = opeva("why", queued);
    assertThat(why.out())
        .startsWith("queued (position 1, priority 0")
        .contains("no_worker_online:");
    JsonObject whyJson = opeva("why", queued, "--json").json();
    assertThat(whyJson.getJsonArray("reasons").getJsonObject(0).getString("code"))
        .isEqualTo("no_worker_online");

    for (String command : List.of("status", "info", "why", "stop", "delete", "rerun", "logs")) {
      CliRun.Result r = opeva(command, "no-such-job");
      assertThat(r.code()).as(command + "\n" + r).isEqualTo(ExitCodes.NOT_FOUND);
      assertThat(r.err()).startsWith("opeva: ").contains("404");
    }
    assertThat(opeva("status", "bad id!").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  @DisplayName("stop cancels, rerun makes a new job (409 exits 1 while it runs), delete removes it")
  void stopRerunDelete() {
    String running = jobs.running("worker-a");
    CliRun.Result conflict = opeva("rerun", running);
    assertThat(conflict.code()).as(conflict.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(conflict.err()).contains("409");

    String queued = jobs.submit("worker-b");
    CliRun.Result stop = opeva("stop", queued);
    assertThat(stop.code()).isZero();
    assertThat(stop.out()).isEmpty();
    assertThat(stop.err()).isNotBlank();
    assertThat(jobs.state(queued)).isEqualTo("canceled");

    CliRun.Result rerun = opeva("rerun", queued, "--host", "worker-a");
    assertThat(rerun.code()).as(rerun.toString()).isZero();
    String again = rerun.out().strip();
    assertThat(again).matches(UUID).isNotEqualTo(queued);
    assertThat(rerun.err()).contains("re-ran " + queued);
    assertThat(tc.get("/job-info/" + again).bodyAsJsonObject().getString("rerun_of"))
        .isEqualTo(queued);
    assertThat(opeva("rerun", queued, "--host", "x", "--any-host").code())
        .isEqualTo(ExitCodes.USAGE);

    CliRun.Result deleted = opeva("delete", queued, "--json");
    assertThat(deleted.code()).isZero();
    assertThat(deleted.json().getString("message")).isNotBlank();
    assertThat(opeva("status", queued).code()).isEqualTo(ExitCodes.NOT_FOUND);
  }
}
