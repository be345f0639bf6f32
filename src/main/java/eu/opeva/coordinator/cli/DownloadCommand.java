package eu.opeva.coordinator.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code download}: a job's bundle, one zip of chosen parts of its folder. */
@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description = {
      "Download a job's logs and outputs as one zip (the bundle), with a progress bar.",
      "Saved as JOB.zip (JOB-PARTS.zip with --parts) unless -o; prints the file's path."
    })
public final class DownloadCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "JOB")
  String id;

  @Option(
      names = "--parts",
      paramLabel = "PART",
      split = ",",
      description = "logs, results, progress, config or all (default all)")
  List<String> parts = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Where to save it ('-': stdout)")
  String output;

  @Override
  public Integer call() {
    Api.Request request =
        client
            .api()
            .get("/jobs/" + Api.segment(id) + "/bundle")
            .query("parts", parts.isEmpty() ? null : String.join(",", parts));
    Output out = client.out();
    if ("-".equals(output)) {
      Downloads.toStdout(client, request, "bundle");
      return ExitCodes.OK;
    }
    String name = id + (parts.isEmpty() ? "" : "-" + String.join("-", parts)) + ".zip";
    Downloads.Saved saved =
        Downloads.save(client, request, Path.of(output != null ? output : name), "bundle");
    report(out, saved);
    return ExitCodes.OK;
  }

  static void report(Output out, Downloads.Saved saved) {
    if (out.json()) {
      out.print(saved.toJson());
      return;
    }
    out.line(saved.file().toString());
    out.say(
        "saved "
            + saved.file()
            + " ("
            + (saved.entries() >= 0 ? saved.entries() + " entries, " : "")
            + Downloads.bytes(saved.bytes())
            + ")");
  }
}
