package eu.opeva.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("download writes the job's bundle as a valid zip; datasets upload, list, download")
class DownloadCliTest extends CliHttpTest {

  private String finishedJob() throws IOException {
    String id = jobs.running("worker-a");
    Files.createDirectories(jobs.logFile(id).getParent());
    Files.writeString(jobs.logFile(id), "episode 1\nfinished\n");
    Path results = jobs.jobDir(id).resolve("results");
    Files.createDirectories(results);
    Files.writeString(results.resolve("result.json"), "{\"total_reward\": -3.5}");
    jobs.report(id, "finished", "worker-a");
    return id;
  }

  private static List<String> entries(Path zip) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      z.stream().forEach(e -> names.add(e.getName()));
    }
    return names;
  }

  @Test
  @DisplayName("the bundle, whole or by --parts, is a valid zip; its path on stdout; --json")
  void bundle() throws IOException {
    String id = finishedJob();
    Path all = home().resolve("all.zip");
    CliRun.Result r = opeva("download", id, "-o", all.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(all + "\n");
    assertThat(r.err()).contains("saved " + all).contains("entries");
    assertThat(entries(all))
        .contains(id + "/logs/" + id + ".log", id + "/results/result.json", id + "/status.json");
    try (ZipFile z = new ZipFile(all.toFile())) {
      String log =
          new String(
              z.getInputStream(z.getEntry(id + "/logs/" + id + ".log")).readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(log).isEqualTo("episode 1\nfinished\n");
    }
    assertThat(home().resolve("all.zip.part")).doesNotExist();

    Path logs = home().resolve("logs.zip");
    JsonObject saved =
        opeva("download", id, "--parts", "logs", "-o", logs.toString(), "--json").json();
    assertThat(saved.getString("file")).isEqualTo(logs.toString());
    assertThat(saved.getInteger("entries")).isEqualTo(1);
    assertThat(saved.getLong("bytes")).isEqualTo(Files.size(logs));
    assertThat(entries(logs)).containsExactly(id + "/logs/" + id + ".log");

    CliRun.Result toStdout = opeva("download", id, "--parts", "results", "-o", "-");
    try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(toStdout.outBytes()))) {
      ZipEntry e = zin.getNextEntry();
      assertThat(e.getName()).isEqualTo(id + "/results/result.json");
      assertThat(new String(zin.readAllBytes(), StandardCharsets.UTF_8)).contains("-3.5");
    }

    assertThat(opeva("download", "no-such-job", "-o", home().resolve("x.zip").toString()).code())
        .isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(home().resolve("x.zip")).doesNotExist();
    assertThat(
            opeva("download", id, "--parts", "bogus", "-o", home().resolve("y.zip").toString())
                .code())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  @DisplayName(
      "a partial file from an earlier try: the coordinator sends the whole zip, kept valid")
  void partialDownload() throws IOException {
    String id = finishedJob();
    Path target = home().resolve("b.zip");
    Files.writeString(home().resolve("b.zip.part"), "half a zip from an earlier try");
    CliRun.Result r = opeva("download", id, "-o", target.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("does not resume this download").contains("starting again");
    assertThat(entries(target)).contains(id + "/logs/" + id + ".log");
    assertThat(home().resolve("b.zip.part")).doesNotExist();
  }

  @Test
  @DisplayName("datasets upload, list, download (a valid zip), delete; an unknown one exits 3")
  void datasets() throws IOException {
    Path zip = home().resolve("lab.zip");
    try (OutputStream f = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(f)) {
      z.putNextEntry(new ZipEntry("lab/schema.json"));
      z.write("{\"description\": \"a lab\"}".getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new ZipEntry("lab/building_1.csv"));
      z.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    CliRun.Result up = opeva("datasets", "upload", zip.toString());
    assertThat(up.code()).as(up.toString()).isZero();

    CliRun.Result list = opeva("datasets", "list");
    assertThat(list.lines().get(0).split(" +")).containsExactly("NAME", "DESCRIPTION");
    assertThat(list.lines().get(1)).startsWith("lab ").contains("a lab");
    JsonArray json = opeva("datasets", "list", "--json").array();
    assertThat(json.getJsonObject(0).getString("name")).isEqualTo("lab");

    Path back = home().resolve("back.zip");
    CliRun.Result down = opeva("datasets", "download", "lab", "-o", back.toString());
    assertThat(down.code()).as(down.toString()).isZero();
    assertThat(entries(back)).contains("schema.json", "building_1.csv");

    assertThat(opeva("datasets", "upload", zip.toString()).code()).isEqualTo(ExitCodes.FAILED);
    assertThat(opeva("datasets", "upload", home().resolve("none.zip").toString()).code())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(opeva("datasets", "delete", "lab").code()).isZero();
    assertThat(opeva("datasets", "download", "lab", "-o", back.toString()).code())
        .isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(opeva("datasets", "list").err()).contains("no datasets");
  }
}
