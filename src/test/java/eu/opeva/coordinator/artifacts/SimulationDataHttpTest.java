package eu.opeva.coordinator.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Simulation data: an index of a session's CSVs and their files, confined to the job folder")
class SimulationDataHttpTest extends CoordinatorHttpTest {
  static final String ID = "job-1";
  Path job;
  Path data;

  @BeforeEach
  void jobFolder() throws Exception {
    job = Files.createDirectories(root.resolve("jobs").resolve(ID));
    data = job.resolve("results/simulation_data");
  }

  @Test
  @DisplayName(
      "the index lists the newest session's CSVs (case-insensitive order) and the UTC days they cover")
  void indexLatest() throws Exception {
    Path old = session("2026-01-01_run", 1);
    Files.writeString(old.resolve("old.csv"), "timestamp,v\n2020-01-01T00:00:00Z,1\n");
    Path latest = session("2026-02-01_run", 2);
    Files.writeString(
        latest.resolve("b.csv"),
        "time_step,timestamp,v\n1,2026-03-01T23:30:00+00:00,1\n" + "2,2026-03-02 01:00:00,2\n");
    Files.createDirectories(latest.resolve("sub"));
    Files.writeString(latest.resolve("sub/A.csv"), "time_step,datetime_ms\n1,1772755200000\n");
    Files.writeString(latest.resolve("notes.txt"), "not a csv");
    touch(old, 1); // writing into a folder moves its time: set both last
    touch(latest, 2);

    JsonObject index = index(new JsonObject().put("job_id", ID)).bodyAsJsonObject();
    assertThat(index.getString("session")).isEqualTo("2026-02-01_run");
    assertThat(index.getString("root_path"))
        .isEqualTo("jobs/" + ID + "/results/simulation_data/2026-02-01_run");
    assertThat(index.getJsonArray("files").getList()).containsExactly("b.csv", "sub/A.csv");
    assertThat(index.getJsonArray("available_days").getList())
        .containsExactly("2026-03-01", "2026-03-02", "2026-03-06");
  }

  @Test
  @DisplayName(
      "sessions can be chosen by name; root exists only without sub-folders; unknown ones are 404")
  void sessionSelection() throws Exception {
    Files.createDirectories(data);
    Files.writeString(data.resolve("flat.csv"), "date,v\n2026-01-05,1\n");
    JsonObject rootIndex =
        index(new JsonObject().put("job_id", ID).put("session", "root")).bodyAsJsonObject();
    assertThat(rootIndex.getString("session")).isEqualTo("root");
    assertThat(rootIndex.getJsonArray("available_days").getList()).containsExactly("2026-01-05");

    session("s1", 1);
    session("s2", 2);
    assertThat(
            index(new JsonObject().put("job_id", ID).put("session", "s1"))
                .bodyAsJsonObject()
                .getString("session"))
        .isEqualTo("s1");
    assertThat(
            index(new JsonObject().put("job_id", ID).putNull("session"))
                .bodyAsJsonObject()
                .getString("session"))
        .isEqualTo("s2");
    var noRoot = index(new JsonObject().put("job_id", ID).put("session", "root"));
    assertThat(noRoot.statusCode()).isEqualTo(404);
    assertThat(noRoot.bodyAsJsonObject().getString("detail"))
        .isEqualTo("Root simulation session not found");
    var unknown = index(new JsonObject().put("job_id", ID).put("session", "../.."));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getString("detail"))
        .isEqualTo("Simulation session '../..' not found");
  }

  @Test
  @DisplayName("a job without simulation data is a 404, a bad job id a 400")
  void noData() {
    var none = index(new JsonObject().put("job_id", ID));
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.bodyAsJsonObject().getString("detail"))
        .isEqualTo("No simulation data found for this job");
    assertThat(index(new JsonObject().put("job_id", "../jobs")).statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName(
      "files come from the session first, then the job folder, with a type from the extension")
  void files() throws Exception {
    Path s = session("s1", 1);
    Files.writeString(s.resolve("kpis.csv"), "session copy\n");
    Files.writeString(job.resolve("kpis.csv"), "job root copy\n");
    Files.writeString(job.resolve("manifest.json"), "{\"a\":1}");
    byte[] binary = {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10, 13};
    Files.createDirectories(job.resolve("bundle"));
    Files.write(job.resolve("bundle/model.bin"), binary);

    var csv = file("kpis.csv", null);
    assertThat(csv.bodyAsString()).isEqualTo("session copy\n");
    assertThat(csv.getHeader("content-type")).startsWith("text/csv");
    var json = file("manifest.json", "latest");
    assertThat(json.getHeader("content-type")).startsWith("application/json");
    assertThat(json.bodyAsString()).isEqualTo("{\"a\":1}");
    var bin = file("bundle\\model.bin", null);
    assertThat(bin.getHeader("content-type")).isEqualTo("application/octet-stream");
    assertThat(bin.body().getBytes()).isEqualTo(binary);
    assertThat(file("./bundle//model.bin", null).body().getBytes()).isEqualTo(binary);
  }

  @Test
  @DisplayName(
      "absolute, .. and empty relative paths are 400; links out of the job folder and missing files are 404")
  void confinement() throws Exception {
    Files.writeString(root.resolve("secret.txt"), "TOP SECRET");
    Files.createDirectories(data);
    Files.createSymbolicLink(job.resolve("link.txt"), root.resolve("secret.txt"));
    assertDetail(file("/etc/passwd", null), 400, "relative_path must be relative");
    assertDetail(file("C:\\Windows\\win.ini", null), 400, "relative_path must be relative");
    assertDetail(file("../../secret.txt", null), 400, "Invalid relative_path");
    assertDetail(file("a/../../secret.txt", null), 400, "Invalid relative_path");
    assertDetail(file("..\\..\\secret.txt", null), 400, "Invalid relative_path");
    assertDetail(file(".", null), 400, "Invalid relative_path: name a file");
    assertDetail(file("link.txt", null), 404, "Simulation data file not found");
    assertDetail(file("nope.csv", null), 404, "Simulation data file not found");
    assertDetail(
        file("x.csv", "missing-session"), 404, "Simulation session 'missing-session' not found");
    var noJob =
        tc.post(
            "/simulation-data/file",
            new JsonObject().put("job_id", "other").put("relative_path", "a.csv"));
    assertDetail(noJob, 404, "No job data found for this job");
  }

  private void assertDetail(HttpResponse<Buffer> response, int status, String detail) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo(detail);
    assertThat(response.bodyAsString()).doesNotContain("SECRET");
  }

  private HttpResponse<Buffer> index(JsonObject body) {
    return tc.post("/simulation-data/index", body);
  }

  private HttpResponse<Buffer> file(String relative, String session) {
    JsonObject body = new JsonObject().put("job_id", ID).put("relative_path", relative);
    if (session != null) {
      body.put("session", session);
    }
    return tc.post("/simulation-data/file", body);
  }

  private Path session(String name, int minute) throws Exception {
    Path dir = Files.createDirectories(data.resolve(name));
    touch(dir, minute);
    return dir;
  }

  private static void touch(Path dir, int minute) throws Exception {
    Files.setLastModifiedTime(
        dir, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * minute)));
  }
}
