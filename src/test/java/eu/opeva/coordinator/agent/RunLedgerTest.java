package eu.opeva.coordinator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.domain.JobStatus;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The run records and the run journal in the agent's state folder")
class RunLedgerTest {
  @TempDir Path state;

  @Test
  @DisplayName("a started run has a record until it is removed, and journal lines in order")
  void recordsAndJournal() throws Exception {
    RunLedger ledger = new RunLedger(state, "worker-a");
    RunRecord run = new RunRecord("job-1", 2, 4242, "opeva_job_x_2", "process", 1767261600123L);

    ledger.started(run);
    assertThat(ledger.records()).containsExactly(run);
    JsonObject file = new JsonObject(Files.readString(state.resolve("runs/job-1-2.json")));
    assertThat(file.fieldNames())
        .containsExactlyInAnyOrder(
            "job_id", "attempt", "pid", "container_name", "runner", "started_at");
    assertThat(Files.readString(state.resolve("runs/job-1-2.json")))
        .contains("\"started_at\" : 1767261600.123");

    ledger.ended("job-1", 2, 4242, 143, JobStatus.STOPPED, null);
    ledger.leftover("job-2", 1, null, "its process 17 had already ended");
    ledger.remove("job-1", 2);

    assertThat(ledger.records()).isEmpty();
    List<JsonObject> lines = AgentTesting.journal(state);
    assertThat(lines)
        .extracting(l -> l.getString("event"))
        .containsExactly("started", "ended", "leftover");
    JsonObject started = lines.get(0);
    assertThat(started.fieldNames())
        .containsExactly("at", "event", "worker_id", "job_id", "attempt", "pid");
    assertThat(started.getString("worker_id")).isEqualTo("worker-a");
    assertThat(started.getLong("pid")).isEqualTo(4242);
    JsonObject ended = lines.get(1);
    assertThat(ended.getInteger("exit_code")).isEqualTo(143);
    assertThat(ended.getString("status")).isEqualTo("stopped");
    assertThat(lines.get(2).getString("reason")).isEqualTo("its process 17 had already ended");
    assertThat(lines.get(2).getValue("pid")).isNull();
    String raw = Files.readAllLines(ledger.journal()).get(0);
    assertThat(raw).matches("\\{\"at\":\\d{10}\\.\\d{3},\"event\":\"started\",.*\\}");
  }

  @Test
  @DisplayName("an unreadable record is removed rather than acted on")
  void unreadableRecord() throws Exception {
    Files.createDirectories(state.resolve("runs"));
    Files.writeString(state.resolve("runs/x-1.json"), "{\"job_id\": \"../etc\", \"pid\": 1}");
    Files.writeString(state.resolve("runs/y-1.json"), "not json");

    assertThat(new RunLedger(state, "worker-a").records()).isEmpty();
    assertThat(state.resolve("runs/x-1.json")).doesNotExist();
    assertThat(state.resolve("runs/y-1.json")).doesNotExist();
  }
}
