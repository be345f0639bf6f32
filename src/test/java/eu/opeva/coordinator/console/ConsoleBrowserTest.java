package eu.opeva.coordinator.console;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.agent.AgentTesting;
import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

@DisplayName("The web console at /ui/, in headless Chromium, against a coordinator with sign-in on")
class ConsoleBrowserTest extends CoordinatorHttpTest {
  private static final String TTL_SECONDS = "30";
  private static ConsoleBrowser browser;
  private static Vertx registryVertx;
  private static HttpServer registry;
  private AgentTesting.Deployed agent;

  @Override
  protected Map<String, String> env() {
    return Map.of(
        "AUTH_ENABLED", "true",
        "AVAILABLE_HOSTS", "worker-a,worker-b",
        "HOST_HEARTBEAT_TTL", TTL_SECONDS,
        "RETRY_MAX_ATTEMPTS", "1",
        "JOB_IMAGE_REGISTRY_URL", "http://127.0.0.1:" + registry.actualPort(),
        "JOB_IMAGE_REPOSITORY", "calof/opeva_simulator",
        "JOB_SIF_REPOSITORY", "calof/opeva_simulator_sif");
  }

  @BeforeAll
  static void startBrowser() {
    registryVertx = Vertx.vertx();
    registry =
        registryVertx
            .createHttpServer()
            .requestHandler(ConsoleBrowserTest::registryAnswer)
            .listen(0, "127.0.0.1")
            .await();
    browser = ConsoleBrowser.start();
  }

  /** A registry with two tags of the job image and one of the HPC image, in one page each. */
  private static void registryAnswer(HttpServerRequest req) {
    JsonArray tags =
        switch (req.path()) {
          case "/v2/repositories/calof/opeva_simulator/tags" ->
              new JsonArray().add(tag("v2")).add(tag("v1"));
          case "/v2/repositories/calof/opeva_simulator_sif/tags" -> new JsonArray().add(tag("v1"));
          default -> null;
        };
    if (tags == null) {
      req.response().setStatusCode(404).end();
      return;
    }
    req.response()
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("count", tags.size()).put("results", tags).encode());
  }

  private static JsonObject tag(String name) {
    return new JsonObject()
        .put("name", name)
        .put("last_updated", "2026-11-30T10:00:00Z")
        .put("digest", "sha256:" + name);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
    if (registryVertx != null) {
      registryVertx.close().await();
    }
  }

  @AfterEach
  void leaveThePage() {
    // Ends the page's refreshes and any log stream it holds open, so the coordinator's graceful
    // stop finds nothing in flight.
    browser.open("about:blank");
    if (agent != null) {
      AgentTesting.undeploy(tc.vertx, agent);
    }
  }

  @Test
  @DisplayName(
      "a job submitted from the form runs on a real agent, its log streams onto its page and the table shows it finished")
  void submitFromTheForm() {
    startAgent("worker-a");
    signIn("#/submit");
    browser.screenshot("submit");
    browser.element("#config-name").sendKeys("from-the-console.yaml");
    browser
        .element("#config-yaml")
        .sendKeys(
            "experiment:\n  name: Console\n  run_name: first\n"
                + "simulation:\n  episodes: 3\n  seconds_per_episode: 0.05\n");
    browser.element("#job-name").sendKeys("console run");
    browser.until("the registry's tags offered", d -> browser.first("#image-tag option[value=v2]"));
    new Select(browser.element("#image-tag")).selectByValue("v2");
    browser.until(
        "worker-a offered as a host", d -> browser.first("#target-host option[value=worker-a]"));
    new Select(browser.element("#target-host")).selectByValue("worker-a");
    browser.element("#submit-job").click();

    String url =
        browser.until(
            "the job's page",
            d -> d.getCurrentUrl().contains("#/jobs/") ? d.getCurrentUrl() : null);
    String id = url.replaceAll(".*#/jobs/", "");
    assertThat(Files.exists(root.resolve("configs/from-the-console.yaml"))).isTrue();
    assertThat(
            tc.call(HttpMethod.GET, "/job-info/" + id, null, admin())
                .bodyAsJsonObject()
                .getString("image_tag"))
        .as("the tag picked from /job-images/versions")
        .isEqualTo("v2");
    browser.untilText("#job-status", "finished");
    browser.untilText("#job-log", "episode 3/3");
    browser.untilText("#job-log", "finished: total reward");
    browser.untilText("#log-state", "complete");
    browser.untilText("#job-attempts", "worker-a");
    browser.untilText("#job-facts", "console run");
    assertThat(browser.element("#rerun-job").isDisplayed()).isTrue();
    assertThat(browser.element("#stop-job").isDisplayed()).isFalse();
    browser.screenshot("job");

    browser.element("#rerun-job").click();
    String rerun =
        browser.until(
            "the re-run's page",
            d ->
                d.getCurrentUrl().endsWith(id)
                    ? null
                    : d.getCurrentUrl().replaceAll(".*#/jobs/", ""));
    browser.untilText("#job-facts", "Re-run of");
    browser.untilText("#job-status", "finished");
    assertThat(rerun).isNotEqualTo(id);

    browser.open(consoleUrl("#/jobs"));
    WebElement row = browser.until("the job's row", d -> row(id));
    browser.until("the row says finished", d -> row(id).getText().contains("finished"));
    browser.until("the re-run's row", d -> row(rerun) != null);
    assertThat(row.getText()).contains("console run", "worker-a");
    browser.screenshot("jobs");
  }

  @Test
  @DisplayName("Stop on the page of a running job stops it; its log was followed while it ran")
  void stopARunningJob() {
    startAgent("worker-a");
    String id =
        accepted(
                "/run-simulation",
                new JsonObject()
                    .put("target_host", "worker-a")
                    .put("job_name", "long run")
                    .put(
                        "config",
                        new JsonObject()
                            .put(
                                "experiment",
                                new JsonObject().put("name", "Long").put("run_name", "x"))
                            .put("simulation", AgentTesting.sim(600, 0.1))))
            .getString("job_id");
    signIn("#/jobs/" + id);
    browser.untilText("#job-status", "running");
    browser.untilText("#job-log", "episode 2/600");
    browser.untilText("#log-state", "following");
    browser.element("#stop-job").click();
    browser.untilText("#job-status", "stopped");
    browser.untilText("#log-state", "complete");
    browser.untilText("#job-log", "stop requested");
    var status = tc.call(HttpMethod.GET, "/status/" + id, null, admin());
    assertThat(status.bodyAsJsonObject().getString("status")).isEqualTo("stopped");
  }

  @Test
  @DisplayName(
      "the hosts page shows a host online after its heartbeat and offline once the TTL passed")
  void hostGoesOffline() {
    heartbeat("worker-b");
    signIn("#/hosts");
    browser.untilText("[data-host=worker-b]", "online");
    browser.untilText("[data-host=worker-a]", "offline");
    browser.screenshot("hosts");
    clock.advance(Duration.ofSeconds(Long.parseLong(TTL_SECONDS) + 1));
    browser.untilText("[data-host=worker-b]", "offline");
  }

  @Test
  @DisplayName(
      "user data is shown as text: a job name with markup stays text in the table and on the job's page")
  void valuesAreEscaped() {
    String name = "<img src=x id=injected onerror=alert(1)>";
    String id =
        accepted(
                "/run-simulation",
                new JsonObject().put("config_path", "demo.yaml").put("job_name", name))
            .getString("job_id");
    signIn("#/jobs");
    browser.until("the job's row", d -> row(id));
    assertThat(row(id).getText()).contains(name);
    browser.open(consoleUrl("#/jobs/" + id));
    browser.untilText("#job-facts", name);
    assertThat(browser.driver.findElements(By.id("injected"))).isEmpty();
  }

  @Test
  @DisplayName(
      "the queue lists jobs in dispatch order with their reasons, a pipeline shows as a graph, a schedule is paused and resumed")
  void queuePipelinesSchedules() {
    heartbeat("worker-b");
    JsonObject pipeline =
        accepted(
            "/pipelines",
            new JsonObject()
                .put("name", "leaderboard")
                .put(
                    "jobs",
                    new JsonArray()
                        .add(node("fetch"))
                        .add(node("simulate", "fetch"))
                        .add(node("score", "simulate"))
                        .add(node("report", "simulate"))));
    String pinned =
        accepted(
                "/run-simulation",
                new JsonObject()
                    .put("config_path", "demo.yaml")
                    .put("target_host", "worker-a")
                    .put("priority", 5))
            .getString("job_id");
    String fetch = pipeline.getJsonObject("jobs").getString("fetch");

    signIn("#/queue");
    browser.until("two queue rows", d -> row(pinned) != null && row(fetch) != null);
    browser.untilText("#queue-table", "no_worker_online");
    assertThat(row(pinned).getText()).startsWith("1");
    browser.screenshot("queue");

    browser.open(consoleUrl("#/pipelines"));
    browser.untilText("#pipelines-table", "leaderboard");
    browser.open(consoleUrl("#/pipelines/" + pipeline.getString("pipeline_id")));
    browser.until(
        "four nodes in the graph",
        d -> d.findElements(By.cssSelector("#pipeline-graph g.node")).size() == 4);
    assertThat(browser.driver.findElements(By.cssSelector("#pipeline-graph line"))).hasSize(3);
    assertThat(browser.element("#pipeline-graph g.node[data-key=fetch]").getAttribute("class"))
        .contains("queued");
    assertThat(browser.element("#pipeline-graph g.node[data-key=score]").getAttribute("class"))
        .contains("waiting");
    browser.screenshot("pipeline");

    browser.open(consoleUrl("#/jobs/" + pipeline.getJsonObject("jobs").getString("score")));
    browser.untilText("#job-why", "waiting_on_dependencies");

    HttpResponse<Buffer> created =
        tc.call(
            HttpMethod.POST,
            "/schedules",
            new JsonObject()
                .put("name", "fresh-data")
                .put("cron", "0 */15 * * * *")
                .put("timezone", "Europe/Lisbon")
                .put("job", new JsonObject().put("config_path", "demo.yaml")),
            admin());
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    browser.open(consoleUrl("#/schedules"));
    browser.untilText("#schedules-table", "fresh-data");
    browser.untilText("#schedules-table", "active");
    browser.untilText("#schedules-table", "2026-01-01T00:15");
    browser.screenshot("schedules");
    browser.element("#schedules-table button").click();
    browser.untilText("#schedules-table", "paused");
    browser.element("#schedules-table button").click();
    browser.untilText("#schedules-table", "active");
  }

  @Test
  @DisplayName("a wrong password keeps the sign-in form up with the coordinator's sentence")
  void wrongPassword() {
    browser.open(consoleUrl("#/jobs"));
    browser.element("form.login input[name=user]").sendKeys("admin");
    browser.element("form.login input[name=password]").sendKeys("not the password");
    browser.element("form.login button").click();
    browser.untilText("#sign-in-message", "Wrong user name or password");
    assertThat(browser.first("#jobs-table")).isNull();
  }

  private void startAgent(String worker) {
    agent =
        AgentTesting.deploy(
            tc.vertx, AgentTesting.settings(tc, worker, 2).withToken(agentToken(worker)));
  }

  private String consoleUrl(String hash) {
    return "http://127.0.0.1:" + tc.port() + "/ui/" + hash;
  }

  /** Opens the console at {@code hash} and signs in as the first start's admin. */
  private void signIn(String hash) {
    browser.open(consoleUrl(hash));
    browser.element("form.login input[name=user]").sendKeys("admin");
    browser.element("form.login input[name=password]").sendKeys(adminPassword());
    browser.element("form.login button").click();
    browser.until("signed in", d -> d.findElements(By.cssSelector("form.login")).isEmpty());
    browser.untilText("#who", "Signed in as admin");
  }

  /** The table row naming job {@code id}, or null. */
  private WebElement row(String id) {
    for (WebElement link : browser.driver.findElements(By.cssSelector("a.job-link"))) {
      if (link.getText().equals(id)) {
        return link.findElement(By.xpath("ancestor::tr"));
      }
    }
    return null;
  }

  private JsonObject accepted(String path, JsonObject body) {
    HttpResponse<Buffer> r = tc.call(HttpMethod.POST, path, body, admin());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private void heartbeat(String worker) {
    MultiMap bearer =
        MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + agentToken(worker));
    var r =
        tc.call(
            HttpMethod.POST,
            "/api/agent/heartbeat",
            new JsonObject().put("worker_id", worker),
            bearer);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  private static JsonObject node(String key, String... dependsOn) {
    return new JsonObject()
        .put("key", key)
        .put("config_path", "demo.yaml")
        .put("depends_on", new JsonArray(java.util.List.of(dependsOn)));
  }

  private MultiMap admin() {
    String pair = "admin:" + adminPassword();
    return MultiMap.caseInsensitiveMultiMap()
        .add(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  /** The coordinator's home folder, where its first start wrote the credentials. */
  private Path home() {
    return root.resolveSibling(root.getFileName() + "-home");
  }

  private String adminPassword() {
    return read(home().resolve("auth/admin-password")).strip();
  }

  private String agentToken(String worker) {
    for (String line : read(home().resolve("auth/agent-tokens")).split("\n")) {
      if (line.startsWith(worker + "=")) {
        return line.substring(worker.length() + 1).strip();
      }
    }
    throw new AssertionError("no token for " + worker);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
