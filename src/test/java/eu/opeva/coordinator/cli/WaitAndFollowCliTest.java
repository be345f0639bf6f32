package eu.opeva.coordinator.cli;

import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("submit --wait and --follow, and logs -f, end with the job (driven by a fake worker)")
class WaitAndFollowCliTest extends CliHttpTest {

  /** Takes the next job of worker-a as its agent would, once the client submitted it. */
  private String take() {
    JsonObject payload = eventually(Duration.ofSeconds(20), () -> jobs.poll("worker-a"));
    return payload.getString("job_id");
  }

  private void log(String id, String text) throws Exception {
    Path file = jobs.logFile(id);
    Files.createDirectories(file.getParent());
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static CliRun.Result done(CompletableFuture<CliRun.Result> run) throws Exception {
    return run.get(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("submit --wait exits 0 when the job finishes and prints its id")
  void waitFinished() throws Exception {
    var run = opevaAsync("submit", "--config-path", "demo.yaml", "--host", "worker-a", "--wait");
    String id = take();
    jobs.report(id, "running", "worker-a");
    assertThat(run).isNotDone();
    jobs.report(id, "finished", "worker-a");
    CliRun.Result r = done(run);
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(id + "\n");
    assertThat(r.err()).contains("waiting for it to end").contains("job " + id + " finished");
  }

  @Test
  @DisplayName("submit --wait exits 1 when the job fails, --json gives its final status")
  void waitFailed() throws Exception {
    var run =
        opevaAsync(
            "submit", "--config-path", "demo.yaml", "--host", "worker-a", "--wait", "--json");
    String id = take();
    jobs.report(id, "running", "worker-a");
    tc.post(
        "/api/agent/job-status",
        new JsonObject()
            .put("job_id", id)
            .put("status", "failed")
            .put("worker_id", "worker-a")
            .put("attempt", 1)
            .put("exit_code", 3));
    CliRun.Result r = done(run);
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    JsonObject end = r.json();
    assertThat(end.getString("job_id")).isEqualTo(id);
    assertThat(end.getString("status")).isEqualTo("failed");
    assertThat(r.err()).contains("job " + id + " failed").contains("exit code 3");
  }

  @Test
  @DisplayName("submit --follow streams the log as the worker writes it and ends with the job")
  void submitFollow() throws Exception {
    var run = opevaAsync("submit", "--config-path", "demo.yaml", "--host", "worker-a", "--follow");
    String id = take();
    jobs.report(id, "running", "worker-a");
    log(id, "episode 1\n");
    eventually(Duration.ofSeconds(10), "the first line is not held back", () -> !run.isDone());
    log(id, "episode 2\nfinished\n");
    jobs.report(id, "finished", "worker-a");
    CliRun.Result r = done(run);
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("episode 1\nepisode 2\nfinished\n");
    assertThat(r.err())
        .contains("its log follows")
        .contains("[coordinator] waiting for job " + id + " to start")
        .contains("finished");
  }

  @Test
  @DisplayName("logs -f follows a running job to its end (a stop), from --tail; --json gives lines")
  void logsFollow() throws Exception {
    String id = jobs.running("worker-a");
    log(id, "one\ntwo\nthree\n");
    CliRun.Live run = CliRun.start(cliEnv(), clock, "logs", id, "-f", "--tail", "1");
    eventually(Duration.ofSeconds(20), "the tail is sent", () -> run.out().equals("three\n"));
    log(id, "four\n");
    eventually(Duration.ofSeconds(10), "new lines are sent", () -> run.out().endsWith("four\n"));
    assertThat(run.result()).isNotDone();
    tc.post("/stop/" + id, new JsonObject());
    jobs.report(id, "stopped", "worker-a");
    CliRun.Result r = done(run.result());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("three\nfour\n");

    CliRun.Result lines = opeva("logs", id, "--json");
    assertThat(lines.lines()).hasSize(4);
    assertThat(new JsonObject(lines.lines().get(1)))
        .isEqualTo(new JsonObject().put("offset", 4).put("line", "two"));
    assertThat(opeva("logs", id, "--offset", "8").out()).isEqualTo("three\nfour\n");
    assertThat(opeva("logs", id, "--tail", "2").out()).isEqualTo("three\nfour\n");
    assertThat(opeva("logs", id, "--tail", "1", "--offset", "2").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(opeva("logs", id, "--offset", "999").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  @DisplayName("a job that ends without a log between the status read and the log request: exit 0")
  void endsBeforeItsLogIsAsked() throws Exception {
    String id = jobs.running("worker-a");
    try (LossyProxy proxy = new LossyProxy(tc.port(), 0).hold("GET /logs/")) {
      Map<String, String> env = cliEnv();
      env.put("OPEVA_URL", proxy.url());
      CompletableFuture<CliRun.Result> run =
          CompletableFuture.supplyAsync(() -> CliRun.run(env, clock, false, "logs", id, "-f"));
      proxy.awaitHeld();
      jobs.report(id, "failed", "worker-a");
      proxy.release();
      CliRun.Result r = done(run);
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out()).isEmpty();
    }
    CliRun.Result after = opeva("logs", id, "-f");
    assertThat(after.code()).as("ended before it was asked: no log").isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  @DisplayName("logs of a job without a log yet: the coordinator's sentence on stderr, nothing out")
  void noLogYet() {
    String id = jobs.submit("worker-b");
    CliRun.Result r = opeva("logs", id);
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isNotBlank();
  }
}
