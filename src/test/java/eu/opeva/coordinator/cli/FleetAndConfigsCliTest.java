package eu.opeva.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("configs, hosts, queue, ops and completion against a live coordinator")
class FleetAndConfigsCliTest extends CliHttpTest {

  @Test
  @DisplayName("configs put, list, get, delete; an existing one with --no-overwrite exits 1")
  void configs() throws Exception {
    Path exp = file("exp.yaml", "experiment: {name: Exp, run_name: r1}\n");
    CliRun.Result put = opeva("configs", "put", exp.toString());
    assertThat(put.code()).as(put.toString()).isZero();
    assertThat(put.out()).isEmpty();
    assertThat(Files.readString(root.resolve("configs/exp.yaml"))).contains("Exp");
    assertThat(opeva("configs", "put", exp.toString(), "other.yaml").code()).isZero();

    assertThat(opeva("configs", "list").out()).isEqualTo("demo.yaml\nexp.yaml\nother.yaml\n");
    assertThat(opeva("configs", "list", "--json").array()).contains("demo.yaml", "exp.yaml");
    assertThat(opeva("configs", "get", "exp.yaml").out())
        .isEqualTo("experiment: {name: Exp, run_name: r1}\n");
    assertThat(opeva("configs", "get", "exp.yaml", "--json").json().getString("yaml_content"))
        .contains("Exp");

    CliRun.Result exists = opeva("configs", "put", exp.toString(), "--no-overwrite");
    assertThat(exists.code()).as(exists.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(exists.err()).contains("409");
    Path bad = file("bad.yaml", "experiment: [unclosed\n");
    assertThat(opeva("configs", "put", bad.toString()).code()).isEqualTo(ExitCodes.USAGE);

    assertThat(opeva("configs", "delete", "exp.yaml").code()).isZero();
    assertThat(opeva("configs", "get", "exp.yaml").code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(opeva("configs", "delete", "exp.yaml").code()).isEqualTo(ExitCodes.NOT_FOUND);
    CliRun.Result bare = opeva("configs");
    assertThat(bare.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(bare.err()).contains("Missing command");
  }

  @Test
  @DisplayName("hosts and queue tables: a host heard from is online, queued jobs in their order")
  void hostsAndQueue() {
    String running = jobs.running("worker-a");
    String low = jobs.submit(new JsonObject().put("target_host", "worker-b"));
    String high = jobs.submit(new JsonObject().put("target_host", "worker-b").put("priority", 10));
    clock.advance(Duration.ofSeconds(20));

    CliRun.Result hosts = opeva("hosts");
    assertThat(hosts.code()).as(hosts.toString()).isZero();
    String header = hosts.lines().get(0);
    assertThat(header.split("  +"))
        .containsExactly("HOST", "STATE", "LAST SEEN", "RUNNING", "SLOTS", "RUNNER", "VERSION");
    String workerA =
        hosts.lines().stream().filter(l -> l.startsWith("worker-a ")).findFirst().orElseThrow();
    assertThat(workerA.substring(header.indexOf("STATE"))).startsWith("online");
    assertThat(workerA.substring(header.indexOf("LAST SEEN"))).startsWith("20s ago");
    assertThat(workerA.substring(header.indexOf("RUNNING"))).startsWith("1 ");
    assertThat(hosts.lines().stream().filter(l -> l.startsWith("worker-b ")).findFirst())
        .hasValueSatisfying(l -> assertThat(l).contains("offline"));
    assertThat(opeva("hosts", "--wide").lines().get(0)).contains("LOAD").contains("JOBS");
    assertThat(opeva("hosts", "--wide").out()).contains(running);
    assertThat(opeva("hosts", "--json").json().getJsonObject("hosts").fieldNames())
        .contains("worker-a", "worker-b");

    CliRun.Result queue = opeva("queue");
    assertThat(queue.lines().get(0).split(" +"))
        .containsExactly(
            "POS", "JOB", "HOST", "PRIORITY", "EFFECTIVE", "WAITING", "SUBMITTER", "NOTE");
    assertThat(queue.lines().get(1)).startsWith("1    " + high);
    assertThat(queue.lines().get(2)).startsWith("2    " + low).contains("20s");
    assertThat(opeva("queue", "--json").array().getJsonObject(0).getInteger("position"))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("ops requeue, fail, cancel and cleanup; an action the state forbids exits 1")
  void ops() {
    String running = jobs.running("worker-a");
    String queued = jobs.submit("worker-b");

    CliRun.Result refused = opeva("ops", "fail", queued);
    assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(refused.err()).contains("409");

    CliRun.Result fail = opeva("ops", "fail", running, "--reason", "broken node");
    assertThat(fail.code()).as(fail.toString()).isZero();
    assertThat(jobs.status(running).getString("status")).isEqualTo("failed");
    assertThat(jobs.status(running).getString("error")).isEqualTo("broken node");

    CliRun.Result requeue =
        opeva("ops", "requeue", running, "--force", "--host", "worker-b", "--json");
    assertThat(requeue.code()).as(requeue.toString()).isZero();
    assertThat(requeue.json().getString("status")).isEqualTo("queued");

    assertThat(opeva("ops", "cancel", queued).code()).isZero();
    assertThat(jobs.state(queued)).isEqualTo("canceled");

    CliRun.Result queueCleanup = opeva("ops", "cleanup", "queue", "--json");
    assertThat(queueCleanup.code()).as(queueCleanup.toString()).isZero();
    assertThat(queueCleanup.json().fieldNames()).contains("removed", "count");
    CliRun.Result jobsCleanup = opeva("ops", "cleanup", "jobs");
    assertThat(jobsCleanup.code()).as(jobsCleanup.toString()).isZero();
    assertThat(jobsCleanup.out()).contains(queued);
    assertThat(opeva("status", queued).code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(opeva("ops", "cleanup", "everything").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(opeva("ops", "cancel", "no-such-job").code()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  @DisplayName("completion prints picocli's script for bash and zsh; another shell exits 2")
  void completion() {
    CliRun.Result bash = opeva("completion", "bash");
    assertThat(bash.code()).isZero();
    assertThat(bash.out()).contains("complete -F").contains("submit").contains("schedules");
    CliRun.Result zsh = opeva("completion", "zsh");
    assertThat(zsh.out()).startsWith("autoload -U +X compinit").contains("bashcompinit");
    assertThat(opeva("completion", "fish").code()).isEqualTo(ExitCodes.USAGE);
  }
}
