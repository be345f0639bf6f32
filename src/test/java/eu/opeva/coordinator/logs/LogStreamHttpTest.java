package eu.opeva.coordinator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Logs stream straight from the file, whole or from an offset or the last lines")
class LogStreamHttpTest extends CoordinatorHttpTest {
  static final String LOG = "line 1\nline 2\nline 3\nline 4\n";

  @Test
  @DisplayName("the whole log comes as chunked text/plain with its file name and start offset")
  void wholeLog() throws Exception {
    String id = jobs.running("worker-a");
    Files.writeString(jobs.logFile(id), LOG);
    for (String path : new String[] {"/logs/", "/file-logs/"}) {
      var response = tc.get(path + id);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsString()).isEqualTo(LOG);
      assertThat(response.getHeader("content-type")).isEqualTo("text/plain; charset=utf-8");
      assertThat(response.getHeader("transfer-encoding")).isEqualTo("chunked");
      assertThat(response.getHeader("X-Log-File")).isEqualTo(id + ".log");
      assertThat(response.getHeader("X-Log-Start-Offset")).isEqualTo("0");
    }
  }

  @Test
  @DisplayName("offset starts at that byte; tail starts at the last N lines and says where that is")
  void offsetAndTail() throws Exception {
    String id = jobs.running("worker-a");
    Files.writeString(jobs.logFile(id), LOG);
    assertThat(tc.get("/logs/" + id + "?offset=7").bodyAsString())
        .isEqualTo("line 2\nline 3\nline 4\n");
    assertThat(tc.get("/logs/" + id + "?offset=" + LOG.length()).body()).as("no bytes").isNull();
    var tail = tc.get("/logs/" + id + "?tail=2");
    assertThat(tail.bodyAsString()).isEqualTo("line 3\nline 4\n");
    assertThat(tail.getHeader("X-Log-Start-Offset")).isEqualTo("14");
    assertThat(tc.get("/logs/" + id + "?tail=0").body()).as("no bytes").isNull();
    assertThat(tc.get("/file-logs/" + id + "?tail=100").bodyAsString()).isEqualTo(LOG);
  }

  @Test
  @DisplayName(
      "resuming at start offset + bytes received gives exactly the rest, with nothing repeated")
  void resume() throws Exception {
    String id = jobs.running("worker-a");
    Path log = jobs.logFile(id);
    Files.writeString(log, LOG);
    var first = tc.get("/logs/" + id + "?tail=1");
    long next = Long.parseLong(first.getHeader("X-Log-Start-Offset")) + first.body().length();
    Files.writeString(log, "line 5\n", java.nio.file.StandardOpenOption.APPEND);
    assertThat(tc.get("/logs/" + id + "?offset=" + next).bodyAsString()).isEqualTo("line 5\n");
  }

  @Test
  @DisplayName("invalid UTF-8 passes through the raw stream byte for byte")
  void rawBytes() throws Exception {
    String id = jobs.running("worker-a");
    byte[] bytes = {'o', 'k', (byte) 0xff, (byte) 0xc3, '\n', 0, (byte) 0x80};
    Files.write(jobs.logFile(id), bytes);
    assertThat(tc.get("/logs/" + id).body().getBytes()).isEqualTo(bytes);
  }

  @Test
  @DisplayName("an active job without a log gets the wait line; unknown and finished jobs get 404")
  void gating() throws Exception {
    String active = jobs.submit("worker-a");
    var waiting = tc.get("/logs/" + active);
    assertThat(waiting.statusCode()).isEqualTo(200);
    assertThat(waiting.bodyAsString())
        .isEqualTo("Logs not available yet. Job is still initializing or running.\n");
    var fileLogs = tc.get("/file-logs/" + active);
    assertThat(fileLogs.statusCode()).isEqualTo(404);
    assertThat(fileLogs.bodyAsJsonObject().getString("detail")).isEqualTo("Log file not found");

    var unknown = tc.get("/logs/no-such-job");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getString("detail"))
        .isEqualTo("Logs not available for this job");

    String done = jobs.running("worker-b");
    jobs.report(done, "finished", "worker-b");
    assertThat(tc.get("/logs/" + done).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("a log on disk is served even for a job the registry does not know")
  void unregisteredJobWithLog() throws Exception {
    Path logs = Files.createDirectories(root.resolve("jobs/sample_job/logs"));
    Files.writeString(logs.resolve("sample_job.log"), "hello\n");
    assertThat(tc.get("/logs/sample_job").bodyAsString()).isEqualTo("hello\n");
    assertThat(tc.get("/logs/sample_job?follow=true").bodyAsString()).isEqualTo("hello\n");
  }

  @Test
  @DisplayName(
      "an offset past the end is a 416; offset with tail, or a negative or huge offset, is a 400")
  void badOffsets() throws Exception {
    String id = jobs.running("worker-a");
    Files.writeString(jobs.logFile(id), LOG);
    var past = tc.get("/logs/" + id + "?offset=" + (LOG.length() + 1));
    assertThat(past.statusCode()).isEqualTo(416);
    assertThat(past.bodyAsJsonObject().getString("detail"))
        .contains("past the end of the log (28 bytes)");
    var both = tc.get("/logs/" + id + "?offset=1&tail=1");
    assertThat(both.statusCode()).isEqualTo(400);
    assertThat(both.bodyAsJsonObject().getString("detail"))
        .isEqualTo("Use either offset or tail, not both");
    for (String q :
        new String[] {
          "offset=-1",
          "offset=99999999999999999999999",
          "offset=abc",
          "tail=-5",
          "tail=99999999",
          "follow=maybe"
        }) {
      var response = tc.get("/logs/" + id + "?" + q);
      assertThat(response.statusCode()).as(q).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("detail")).as(q).isNotBlank();
    }
    var beforeLog = tc.get("/logs/" + jobs.submit("worker-b") + "?offset=5");
    assertThat(beforeLog.statusCode()).isEqualTo(416);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "..%2F..%2Fsecret",
        "%2E%2E",
        "..",
        "a%2F..%2F..%2Fsecret",
        "%2Fetc%2Fpasswd",
        "..%5Csecret",
        "%252E%252E%252Fsecret"
      })
  @DisplayName(
      "traversal in the job id is a 4xx for every log endpoint and never serves a byte outside")
  void traversal(String id) throws Exception {
    Files.writeString(root.resolve("secret"), "TOP SECRET");
    Files.createDirectories(root.resolve("jobs"));
    for (String path : new String[] {"/logs/", "/file-logs/", "/logs-chunk/"}) {
      var response = tc.get(path + id);
      assertThat(response.statusCode()).as(path + id).isBetween(400, 404);
      assertThat(response.bodyAsString()).doesNotContain("SECRET");
    }
  }

  @Test
  @DisplayName("a log that is a link to a file outside the job folder is not served")
  void symlinkOut() throws Exception {
    String id = jobs.running("worker-a");
    Files.writeString(root.resolve("secret.log"), "TOP SECRET");
    Files.createSymbolicLink(jobs.logFile(id), root.resolve("secret.log"));
    var response = tc.get("/file-logs/" + id);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(new String(response.body().getBytes(), StandardCharsets.UTF_8))
        .doesNotContain("SECRET");
  }
}
