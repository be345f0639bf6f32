package eu.opeva.coordinator.cli;

import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("pipelines run, list, show, cancel and rerun against a live coordinator")
class PipelinesCliTest extends CliHttpTest {
  private Path pipeline() {
    file("fetch.yaml", "experiment: {name: Fetch, run_name: p}\n");
    return file(
        "pipe.yaml",
        """
        name: nightly
        jobs:
          - {key: fetch, config_file: fetch.yaml, target_host: worker-a}
          - {key: score, config_path: demo.yaml, depends_on: [fetch], target_host: worker-a}
        """);
  }

  private void finishNext(String status) {
    JsonObject payload = eventually(Duration.ofSeconds(20), () -> jobs.poll("worker-a"));
    String id = payload.getString("job_id");
    jobs.report(id, "running", "worker-a");
    jobs.report(id, status, "worker-a");
  }

  @Test
  @DisplayName("run sends config_file inline; show and list are tables; rerun and cancel act")
  void pipelines() {
    CliRun.Result run = opeva("pipelines", "run", pipeline().toString());
    assertThat(run.code()).as(run.toString()).isZero();
    String id = run.out().strip();
    assertThat(run.err()).contains("created pipeline nightly as " + id + " (2 jobs)");
    JsonObject p = tc.get("/pipelines/" + id).bodyAsJsonObject();
    String fetch = p.getJsonArray("nodes").getJsonObject(0).getString("job_id");
    assertThat(new JsonObject(tc.get("/job-info/" + fetch).bodyAsString()).getString("job_name"))
        .isEqualTo("Fetch-p");

    CliRun.Result show = opeva("pipelines", "show", id);
    assertThat(show.lines().get(0)).startsWith("nightly " + id + " running");
    assertThat(show.lines().get(1).split(" +"))
        .containsExactly("KEY", "JOB", "STATUS", "DEPENDS", "ON", "RUN", "IF", "EARLIER", "JOBS");
    assertThat(show.lines().get(2)).startsWith("fetch  " + fetch);
    assertThat(show.lines().get(3)).startsWith("score").contains("waiting").contains(" fetch ");

    CliRun.Result list = opeva("pipelines", "list");
    assertThat(list.lines().get(1)).startsWith(id).contains("nightly").contains("running");
    assertThat(opeva("pipelines", "list", "--json").json().getJsonArray("pipelines")).hasSize(1);

    finishNext("failed");
    eventually(
        Duration.ofSeconds(10),
        "the pipeline fails",
        () -> "failed".equals(tc.get("/pipelines/" + id).bodyAsJsonObject().getString("status")));
    CliRun.Result rerun = opeva("pipelines", "rerun", id, "score");
    assertThat(rerun.code()).as(rerun.toString()).isZero();
    assertThat(rerun.lines().get(0).split(" +")).containsExactly("KEY", "NEW", "JOB");
    assertThat(rerun.out()).contains("fetch").contains("score");
    assertThat(opeva("pipelines", "rerun", id).code()).isEqualTo(ExitCodes.USAGE);
    CliRun.Result busy = opeva("pipelines", "rerun", id, "--all");
    assertThat(busy.code()).as(busy.toString()).isEqualTo(ExitCodes.FAILED);

    CliRun.Result cancel = opeva("pipelines", "cancel", id, "--json");
    assertThat(cancel.code()).as(cancel.toString()).isZero();
    assertThat(cancel.json().getString("pipeline_id")).isEqualTo(id);
    assertThat(opeva("pipelines", "show", id, "--json").json().getString("status"))
        .isEqualTo("canceled");
    assertThat(opeva("pipelines", "show", "no-such-pipeline").code())
        .isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  @DisplayName("run --wait exits 0 once every job finished")
  void runWait() throws Exception {
    var run = opevaAsync("pipelines", "run", pipeline().toString(), "--wait");
    finishNext("finished");
    finishNext("finished");
    CliRun.Result r = run.get(30, TimeUnit.SECONDS);
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("finished");
    Path broken = file("broken.yaml", "name: x\njobs: {a: 1}\n");
    assertThat(opeva("pipelines", "run", broken.toString()).code()).isEqualTo(ExitCodes.USAGE);
  }
}
