package eu.opeva.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.storage.StorageFaults;
import eu.opeva.coordinator.testing.ProgrammableFaults;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Submissions are retried with their Idempotency-Key; 5xx and lost answers")
class RetriesCliTest extends CliHttpTest {
  private final ProgrammableFaults faults = new ProgrammableFaults();

  @Override
  protected StorageFaults faults() {
    return faults;
  }

  private Map<String, String> via(LossyProxy proxy) {
    Map<String, String> env = cliEnv();
    env.put("OPEVA_URL", proxy.url());
    return env;
  }

  private JsonArray allJobs() {
    return tc.get("/jobs").bodyAsJsonArray();
  }

  @Test
  @DisplayName("a 503 (a failed write) is tried again with the same key: one job, exit 0")
  void serverFailureOnce() throws Exception {
    AtomicInteger writes = new AtomicInteger();
    faults.fail(file -> writes.getAndIncrement() == 0);
    CliRun.Result r =
        opeva("submit", "--config-path", "demo.yaml", "--idempotency-key", "nightly-2026-12-01");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(faults.failed()).isEqualTo(1);
    assertThat(r.err())
        .contains("answered 503")
        .contains("trying again in 500 ms (attempt 2 of 3)");
    String id = r.out().strip();
    assertThat(allJobs()).hasSize(1);
    JsonObject onDisk = new JsonObject(Files.readString(jobs.jobDir(id).resolve("job_info.json")));
    assertThat(onDisk.getJsonObject("idempotency").getString("key"))
        .isEqualTo("nightly-2026-12-01");
  }

  @Test
  @DisplayName("a coordinator failing throughout: three tries, then exit 5 with its sentence")
  void serverFailureThroughout() {
    faults.failAll();
    CliRun.Result r = opeva("submit", "--config-path", "demo.yaml");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines().filter(l -> l.contains("trying again"))).hasSize(2);
    assertThat(r.err().strip().lines().reduce((a, b) -> b).orElseThrow())
        .startsWith("opeva: the coordinator failed: ")
        .endsWith("(HTTP 503)");
    faults.clear();
    assertThat(allJobs()).isEmpty();
  }

  @Test
  @DisplayName("an answer lost after the job was made: the retry with the same key gets that job")
  void lostAnswer() throws Exception {
    try (LossyProxy proxy = new LossyProxy(tc.port(), 1)) {
      CliRun.Result r = opeva(via(proxy), "submit", "--config-path", "demo.yaml");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.err()).contains("connection failed").contains("attempt 2 of 3");
      assertThat(proxy.connections()).isEqualTo(2);
      JsonArray all = allJobs();
      assertThat(all).hasSize(1);
      assertThat(all.getJsonObject(0).getString("job_id")).isEqualTo(r.out().strip());
    }
    Path pipe =
        file(
            "pipe.yaml",
            "name: twice\njobs:\n  - {key: a, config_path: demo.yaml}\n"
                + "  - {key: b, config_path: demo.yaml, depends_on: [a]}\n");
    try (LossyProxy proxy = new LossyProxy(tc.port(), 1)) {
      CliRun.Result r = opeva(via(proxy), "pipelines", "run", pipe.toString());
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(proxy.connections()).isEqualTo(2);
      JsonArray pipelines = tc.get("/pipelines").bodyAsJsonObject().getJsonArray("pipelines");
      assertThat(pipelines).hasSize(1);
      assertThat(pipelines.getJsonObject(0).getString("pipeline_id")).isEqualTo(r.out().strip());
      assertThat(allJobs()).hasSize(3);
    }
  }

  @Test
  @DisplayName("an action without a key is not repeated: a lost answer exits 5, one request sent")
  void actionsAreNotRepeated() throws Exception {
    String id = jobs.submit("worker-b");
    try (LossyProxy proxy = new LossyProxy(tc.port(), 1)) {
      CliRun.Result r = opeva(via(proxy), "stop", id);
      assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
      assertThat(r.err())
          .startsWith("opeva: the connection to the coordinator at " + proxy.url())
          .doesNotContain("trying again");
      assertThat(proxy.connections()).isEqualTo(1);
    }
    assertThat(jobs.state(id)).as("the coordinator did act").isEqualTo("canceled");
  }
}
