package eu.opeva.coordinator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.DirectoryDigest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Jobs with depends_on wait, then run or are canceled as their dependencies end")
class DependenciesHttpTest extends CoordinatorHttpTest {

  private String after(JsonArray deps, String runIf) {
    JsonObject fields = new JsonObject().put("depends_on", deps);
    if (runIf != null) {
      fields.put("run_if", runIf);
    }
    return jobs.submit(fields);
  }

  private void finish(String id, String worker, String status) {
    jobs.report(id, "running", worker);
    jobs.report(id, status, worker);
  }

  @Test
  @DisplayName(
      "a waiting job is never offered, shows in /status, /jobs and filters, and is queued when its dependency finishes")
  void waitsThenRuns() {
    String first = jobs.submit("worker-a");
    String second = after(new JsonArray().add(first), null);
    assertThat(jobs.state(second)).isEqualTo("waiting");
    assertThat(tc.get("/jobs?status=waiting").bodyAsJsonArray())
        .extracting(o -> ((JsonObject) o).getString("job_id"))
        .containsExactly(second);
    assertThat(jobs.poll("worker-a").getString("job_id")).isEqualTo(first);
    assertThat(jobs.poll("worker-b")).as("the waiting job is not offered").isNull();
    assertThat(root.resolve("queue/" + second + ".json")).doesNotExist();

    finish(first, "worker-a", "finished");
    assertThat(jobs.state(second)).isEqualTo("queued");
    assertThat(jobs.poll("worker-b").getString("job_id")).isEqualTo(second);

    JsonObject info = tc.get("/job-info/" + second).bodyAsJsonObject();
    assertThat(info.getJsonArray("depends_on")).containsExactly(first);
    assertThat(info.getString("run_if")).isEqualTo("all_finished");
    assertThat(tc.get("/job-info/" + first).bodyAsJsonObject().getJsonArray("dependents"))
        .containsExactly(second);
  }

  @Test
  @DisplayName(
      "under all_finished a failed dependency cancels the job, naming it; under all_done the job runs")
  void failedDependency() {
    String first = jobs.submit("worker-a");
    String strict = after(new JsonArray().add(first), null);
    String lenient = after(new JsonArray().add(first), "all_done");
    jobs.poll("worker-a");
    finish(first, "worker-a", "failed");

    JsonObject canceled = jobs.status(strict);
    assertThat(canceled.getString("status")).isEqualTo("canceled");
    assertThat(canceled.getString("error")).isEqualTo("dependency_failed");
    assertThat(canceled.getJsonObject("details").getString("dependency")).isEqualTo(first);
    assertThat(jobs.state(lenient)).isEqualTo("queued");
  }

  @Test
  @DisplayName("dependencies that already ended are resolved at submission")
  void resolvedAtOnce() {
    String ok = jobs.running("worker-a");
    jobs.report(ok, "finished", "worker-a");
    String bad = jobs.running("worker-b");
    jobs.report(bad, "failed", "worker-b");
    assertThat(
            jobs.accepted(new JsonObject().put("depends_on", new JsonArray().add(ok)))
                .getString("status"))
        .isEqualTo("queued");
    JsonObject refused =
        jobs.accepted(new JsonObject().put("depends_on", new JsonArray().add(ok).add(bad)));
    assertThat(refused.getString("status")).isEqualTo("canceled");
    assertThat(
            jobs.status(refused.getString("job_id"))
                .getJsonObject("details")
                .getString("dependency"))
        .isEqualTo(bad);
  }

  @Test
  @DisplayName("stopping or deleting a dependency resolves the jobs waiting for it")
  void stopAndDelete() {
    String a = jobs.submit("worker-a");
    String b = jobs.submit("worker-a");
    String onA = after(new JsonArray().add(a), null);
    String onB = after(new JsonArray().add(b), "all_done");
    String onBStrict = after(new JsonArray().add(b), null);
    assertThat(tc.post("/stop/" + a, new JsonObject()).statusCode()).isEqualTo(200);
    assertThat(jobs.status(onA).getString("error")).isEqualTo("dependency_failed");
    assertThat(tc.call(io.vertx.core.http.HttpMethod.DELETE, "/job/" + b, null).statusCode())
        .isEqualTo(200);
    assertThat(jobs.state(onB)).as("all_done: a deleted job has ended").isEqualTo("queued");
    assertThat(jobs.state(onBStrict)).isEqualTo("canceled");
  }

  @Test
  @DisplayName("a chain cancels in cascade, and a waiting job can be stopped itself")
  void cascadeAndStop() {
    String a = jobs.submit("worker-a");
    String b = after(new JsonArray().add(a), null);
    String c = after(new JsonArray().add(b), null);
    String d = after(new JsonArray().add(a), null);
    var stop = tc.post("/stop/" + d, new JsonObject()).bodyAsJsonObject();
    assertThat(stop.getString("status")).isEqualTo("canceled");
    jobs.poll("worker-a");
    finish(a, "worker-a", "failed");
    assertThat(jobs.state(b)).isEqualTo("canceled");
    assertThat(jobs.status(c).getJsonObject("details").getString("dependency")).isEqualTo(b);
  }

  @Test
  @DisplayName(
      "operators: a waiting job is canceled without force, queued without its dependencies only with force")
  void operatorActions() {
    String dep = jobs.submit("worker-a");
    String a = after(new JsonArray().add(dep), null);
    String b = after(new JsonArray().add(dep), null);
    JsonObject noForce = new JsonObject();
    assertThat(tc.post("/ops/jobs/" + a + "/requeue", noForce).statusCode()).isEqualTo(409);
    assertThat(tc.post("/ops/jobs/" + a + "/fail", noForce).statusCode()).isEqualTo(409);
    assertThat(jobs.state(a)).isEqualTo("waiting");
    assertThat(
            tc.post("/ops/jobs/" + a + "/requeue", new JsonObject().put("force", true))
                .statusCode())
        .isEqualTo(200);
    assertThat(jobs.state(a)).isEqualTo("queued");
    assertThat(tc.post("/ops/jobs/" + b + "/cancel", noForce).statusCode()).isEqualTo(200);
    assertThat(jobs.state(b)).isEqualTo("canceled");
  }

  @Test
  @DisplayName("unknown dependencies, too many, and bad run_if are 400 and create nothing")
  void badRequests() throws Exception {
    String real = jobs.submit();
    var before = DirectoryDigest.of(root);
    JsonArray many = new JsonArray();
    for (int i = 0; i < 101; i++) {
      many.add(real);
    }
    for (JsonObject bad :
        new JsonObject[] {
          new JsonObject().put("depends_on", new JsonArray().add(real).add("no-such-job")),
          new JsonObject().put("depends_on", many),
          new JsonObject().put("depends_on", new JsonArray().add(real)).put("run_if", "maybe"),
          new JsonObject().put("depends_on", "not-a-list"),
          new JsonObject().put("priority", 101),
          new JsonObject().put("priority", 1.5)
        }) {
      var r = jobs.trySubmit(bad.put("config_path", "demo.yaml"));
      assertThat(r.statusCode()).as(bad.encode() + " -> " + r.bodyAsString()).isEqualTo(400);
    }
    var unknown =
        jobs.trySubmit(
            new JsonObject()
                .put("config_path", "demo.yaml")
                .put("depends_on", new JsonArray().add("no-such-job")));
    assertThat(unknown.bodyAsJsonObject().getString("detail")).contains("no-such-job");
    assertThat(DirectoryDigest.of(root)).isEqualTo(before);
  }

  @Test
  @DisplayName("waiting jobs and their dependencies survive a restart, and resolve after it")
  void survivesRestart() {
    String a = jobs.submit("worker-a");
    String b = after(new JsonArray().add(a), null);
    jobs.poll("worker-a");
    jobs.report(a, "running", "worker-a");
    tc.restart();
    assertThat(jobs.state(b)).isEqualTo("waiting");
    jobs.report(a, "finished", "worker-a");
    assertThat(jobs.state(b)).isEqualTo("queued");
  }
}
