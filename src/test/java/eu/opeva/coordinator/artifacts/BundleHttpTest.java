package eu.opeva.coordinator.artifacts;

import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.StreamReader;
import java.io.ByteArrayInputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A job's parts download as one zip built while it streams")
class BundleHttpTest extends CoordinatorHttpTest {
  static final String ID = "job-1";
  Path job;

  @BeforeEach
  void jobFolder() throws Exception {
    job = Files.createDirectories(root.resolve("jobs").resolve(ID));
    write("logs/" + ID + ".log", "log line\n");
    write("logs/runtime.log", "runtime\n");
    write("results/result.json", "{\"ok\":true}");
    write("results/simulation_data/s1/kpis.csv", "a,b\n1,2\n");
    write("progress/progress.json", "{\"percent\":100}");
    write("config.yaml", "lr: 1\n");
    write("config.resolved.yaml", "lr: 1\nresolved: true\n");
    write("status.json", "{\"status\":\"finished\"}");
    write("job_info.json", "{\"job_id\":\"job-1\"}");
  }

  @Test
  @DisplayName("parts=logs,results holds exactly those folders, unzipping to the same bytes")
  void logsAndResults() throws Exception {
    var response = tc.get("/jobs/" + ID + "/bundle?parts=logs,results");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).isEqualTo("application/zip");
    assertThat(response.getHeader("content-disposition"))
        .isEqualTo("attachment; filename=\"job-1-logs-results.zip\"");
    assertThat(response.getHeader("transfer-encoding")).isEqualTo("chunked");
    Map<String, byte[]> entries = unzip(response.body().getBytes());
    assertThat(entries.keySet())
        .containsExactly(
            "job-1/logs/job-1.log",
            "job-1/logs/runtime.log",
            "job-1/results/result.json",
            "job-1/results/simulation_data/s1/kpis.csv");
    for (var e : entries.entrySet()) {
      assertThat(e.getValue())
          .as(e.getKey())
          .isEqualTo(Files.readAllBytes(root.resolve("jobs").resolve(e.getKey())));
    }
  }

  @Test
  @DisplayName("config holds the snapshot and the resolved config; progress its folder")
  void configAndProgress() throws Exception {
    assertThat(
            unzip(tc.get("/jobs/" + ID + "/bundle?parts=config,progress").body().getBytes())
                .keySet())
        .containsExactlyInAnyOrder(
            "job-1/config.yaml", "job-1/config.resolved.yaml", "job-1/progress/progress.json");
  }

  @Test
  @DisplayName("all (or no parts) is the whole job folder")
  void all() throws Exception {
    var all = unzip(tc.get("/jobs/" + ID + "/bundle?parts=all").body().getBytes()).keySet();
    assertThat(all).hasSize(9).contains("job-1/status.json", "job-1/job_info.json");
    var byDefault = tc.get("/jobs/" + ID + "/bundle");
    assertThat(byDefault.getHeader("content-disposition")).contains("job-1.zip");
    assertThat(unzip(byDefault.body().getBytes()).keySet()).isEqualTo(all);
    assertThat(unzip(tc.get("/jobs/" + ID + "/bundle?parts=logs,all").body().getBytes()).keySet())
        .isEqualTo(all);
  }

  @Test
  @DisplayName("a part the job does not have gives a valid empty zip")
  void emptyPart() throws Exception {
    Files.delete(job.resolve("progress/progress.json"));
    Files.delete(job.resolve("progress"));
    var response = tc.get("/jobs/" + ID + "/bundle?parts=progress");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(unzip(response.body().getBytes())).isEmpty();
  }

  @Test
  @DisplayName("unknown parts, unknown jobs and traversal in the job id are 4xx with a reason")
  void badRequests() throws Exception {
    var unknownPart = tc.get("/jobs/" + ID + "/bundle?parts=logs,temps");
    assertThat(unknownPart.statusCode()).isEqualTo(400);
    assertThat(unknownPart.bodyAsJsonObject().getString("detail"))
        .isEqualTo("Unknown part 'temps'; choose from logs, results, progress, config, all");
    assertThat(tc.get("/jobs/" + ID + "/bundle?parts=").statusCode()).isEqualTo(400);
    var unknownJob = tc.get("/jobs/nope/bundle");
    assertThat(unknownJob.statusCode()).isEqualTo(404);
    assertThat(unknownJob.bodyAsJsonObject().getString("detail")).isEqualTo("Job not found");
    Files.writeString(root.resolve("secret.txt"), "TOP SECRET");
    for (String id : new String[] {"..", "%2E%2E", "..%2F..", "%2Fetc", "..%5C.."}) {
      var response = tc.get("/jobs/" + id + "/bundle");
      assertThat(response.statusCode()).as(id).isBetween(400, 404);
      assertThat(response.bodyAsString()).doesNotContain("SECRET");
    }
  }

  @Test
  @DisplayName("links inside the job folder are left out, so nothing outside it enters the zip")
  void linksLeftOut() throws Exception {
    Files.writeString(root.resolve("secret.txt"), "TOP SECRET");
    Files.createSymbolicLink(job.resolve("logs/evil.log"), root.resolve("secret.txt"));
    Files.createSymbolicLink(job.resolve("results/outside"), root);
    Map<String, byte[]> entries = unzip(tc.get("/jobs/" + ID + "/bundle").body().getBytes());
    assertThat(entries.keySet()).noneMatch(n -> n.contains("evil") || n.contains("outside"));
    assertThat(entries.values()).noneMatch(b -> new String(b).contains("SECRET"));
  }

  @Test
  @DisplayName("a 24 MiB incompressible result streams through and unzips intact")
  void largeFile() throws Exception {
    byte[] noise = new byte[24 << 20];
    new Random(42).nextBytes(noise);
    Files.write(job.resolve("results/weights.bin"), noise);
    var entries = unzip(tc.get("/jobs/" + ID + "/bundle?parts=results").body().getBytes());
    assertThat(entries.get("job-1/results/weights.bin")).isEqualTo(noise);
  }

  @Test
  @DisplayName("clients that leave mid-download free the zip threads for the next download")
  void abandonedDownloads() throws Exception {
    try (RandomAccessFile big =
        new RandomAccessFile(job.resolve("results/big.bin").toFile(), "rw")) {
      big.setLength(64L << 30); // sparse: minutes of zipping, no disk
    }
    List<StreamReader> leaving = new ArrayList<>();
    // As many downloads as there are zip threads: without clean-up the next download would wait.
    for (int i = 0; i < tc.config.artifacts().bundleThreads(); i++) {
      StreamReader r = tc.stream("/jobs/" + ID + "/bundle?parts=results", false);
      eventually(Duration.ofSeconds(10), "the zip starts to stream", () -> r.count() > 0);
      leaving.add(r);
    }
    leaving.forEach(StreamReader::disconnect);
    // Every thread must come free: as many downloads again, all at once, all complete.
    List<StreamReader> next = new ArrayList<>();
    for (int i = 0; i < tc.config.artifacts().bundleThreads(); i++) {
      next.add(tc.stream("/jobs/" + ID + "/bundle?parts=logs", true));
    }
    for (StreamReader r : next) {
      r.awaitEnd(Duration.ofSeconds(30));
      assertThat(unzip(r.bytes())).hasSize(2);
    }
  }

  private void write(String rel, String text) throws Exception {
    Path file = job.resolve(rel);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }
}
