package eu.opeva.coordinator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorProcess;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Nothing an agent sends can make the coordinator's heap or a job's files large")
class SmallHeapReportsProcessTest {
  private static final int HUGE = 9_500_000;

  @TempDir Path root;

  @Test
  @DisplayName(
      "20 reports and heartbeats of 9.5 MB are refused on a 64 MB heap, which stays small; a"
          + " restart on that directory starts fine")
  void oversizedReports() throws Exception {
    Files.createDirectories(root.resolve("configs"));
    Files.writeString(root.resolve("configs/demo.yaml"), "experiment:\n  name: Demo\n");
    Path gcLog = root.resolveSibling(root.getFileName() + "-gc.log");
    String blob = "x".repeat(HUGE);
    try (CoordinatorProcess process =
        new CoordinatorProcess(root, Map.of())
            .withJvmOptions("-Xmx64m", "-Xlog:gc:file=" + gcLog)) {
      process.start();
      String id =
          new JsonObject(
                  process
                      .call(
                          "POST",
                          "/run-simulation",
                          "{\"config_path\": \"demo.yaml\", \"target_host\": \"worker-a\"}")
                      .body())
              .getString("job_id");
      assertThat(
              process
                  .call("POST", "/api/agent/next-job", "{\"worker_id\": \"worker-a\"}")
                  .statusCode())
          .isEqualTo(200);
      String report =
          "{\"job_id\": \""
              + id
              + "\", \"status\": \"running\", \"worker_id\": \"worker-a\", \"attempt\": 1";
      assertThat(process.call("POST", "/api/agent/job-status", report + "}").statusCode())
          .isEqualTo(200);

      long baseline = retainedAfterFullGc(process, gcLog);
      int answered = 0;
      for (int i = 0; i < 20; i++) {
        answered +=
            refused(
                process,
                "/api/agent/job-status",
                report + ", \"details\": {\"blob\": \"" + blob + "\"}}");
        answered +=
            refused(
                process,
                "/api/agent/heartbeat",
                "{\"worker_id\": \"worker-a\", \"info\": {\"blob\": \"" + blob + "\"}}");
      }
      assertThat(answered).as("refusals answered with a 413").isPositive();

      assertThat(process.call("GET", "/health", null).statusCode()).isEqualTo(200);
      assertThat(process.call("GET", "/hosts", null).body().length()).isLessThan(16_000);
      for (String file : new String[] {"status.json", "job_info.json"}) {
        assertThat(Files.size(root.resolve("jobs/" + id + "/" + file))).isLessThan(16_000);
      }
      assertThat(process.output()).doesNotContain("OutOfMemoryError");
      // What a full collection keeps after the refusals, against what it kept before them:
      // refused bodies are not kept.
      assertThat(retainedAfterFullGc(process, gcLog) - baseline)
          .as("MB kept by a full collection after the refusals, beyond before them")
          .isLessThan(8);

      process.kill();
      process.start();
      var status = process.call("GET", "/status/" + id, null);
      assertThat(status.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(status.body()).getString("status")).isEqualTo("running");
    }
  }

  /** Refused: a 413 (1), or the connection closed on the rest of the body (0); never accepted. */
  private static int refused(CoordinatorProcess process, String path, String body)
      throws Exception {
    HttpResponse<String> r;
    try {
      r = process.call("POST", path, body);
    } catch (IOException closed) {
      return 0;
    }
    assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
    assertThat(new JsonObject(r.body()).getString("detail")).contains("65536 bytes");
    return 1;
  }

  private static final Pattern FULL_GC =
      Pattern.compile("Pause Full \\((?:System\\.gc\\(\\)|[^)]*)\\) \\d+M->(\\d+)M");

  /** Asks the coordinator's JVM for a full collection (jcmd) and returns the MB it kept. */
  private static long retainedAfterFullGc(CoordinatorProcess process, Path gcLog) throws Exception {
    int before = fullCollections(gcLog).size();
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    Process p =
        new ProcessBuilder(jcmd, String.valueOf(process.pid()), "GC.run")
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    return eu.opeva.coordinator.testing.Eventually.eventually(
        java.time.Duration.ofSeconds(30),
        () -> {
          List<Long> full;
          try {
            full = fullCollections(gcLog);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return full.size() > before ? full.get(full.size() - 1) : null;
        });
  }

  private static List<Long> fullCollections(Path gcLog) throws IOException {
    List<Long> out = new java.util.ArrayList<>();
    Matcher m = FULL_GC.matcher(Files.exists(gcLog) ? Files.readString(gcLog) : "");
    while (m.find()) {
      out.add(Long.parseLong(m.group(1)));
    }
    return out;
  }
}
