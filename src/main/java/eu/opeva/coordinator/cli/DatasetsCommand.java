package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code datasets}: CityLearn datasets built from site data, and dataset files. */
@Command(
    name = "datasets",
    mixinStandardHelpOptions = true,
    description = "Datasets: list, create (with progress), status, download, upload, delete")
public final class DatasetsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "Missing command: list, create, status, download, upload or delete");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Datasets by name")
  int list(@Mixin ClientOptions client) {
    JsonArray all = client.api().get("/datasets").send().array();
    Output out = client.out();
    if (out.json()) {
      out.print(all);
      return ExitCodes.OK;
    }
    if (all.isEmpty()) {
      out.say("no datasets");
      return ExitCodes.OK;
    }
    Table t = new Table("NAME", "DESCRIPTION");
    all.forEach(
        o -> t.row(((JsonObject) o).getString("name"), ((JsonObject) o).getString("description")));
    t.print(out);
    return ExitCodes.OK;
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Build a CityLearn dataset from a site's data; shows its progress until it is ready.",
        "Exit code 1 when the build failed."
      })
  int create(
      @Mixin ClientOptions client,
      @Parameters(paramLabel = "NAME") String name,
      @Option(names = "--site", required = true, paramLabel = "SITE") String site,
      @Option(names = "--period", paramLabel = "MINUTES", description = "Minutes per step (60)")
          Integer period,
      @Option(names = "--from", paramLabel = "TIME", description = "ISO-8601 start") String from,
      @Option(names = "--until", paramLabel = "TIME", description = "ISO-8601 end") String until,
      @Option(names = "--description", paramLabel = "TEXT") String description,
      @Option(
              names = "--citylearn-configs",
              paramLabel = "FILE",
              description = "YAML/JSON file of citylearn_configs (default: {})")
          Path configs,
      @Option(names = "--no-wait", description = "Return once the build started") boolean noWait) {
    JsonObject body =
        new JsonObject()
            .put("name", name)
            .put("site_id", site)
            .put(
                "citylearn_configs",
                configs == null ? new JsonObject() : LocalFiles.mapping(configs));
    putIf(body, "period", period);
    putIf(body, "from_ts", from);
    putIf(body, "until_ts", until);
    putIf(body, "description", description);
    Api api = client.api();
    JsonObject started = api.post("/dataset").query("async", "true").json(body).send().object();
    Output out = client.out();
    if (noWait) {
      if (out.json()) {
        out.print(started);
      } else {
        out.line(name);
        out.say(started.getString("message", "started") + ": " + name);
      }
      return ExitCodes.OK;
    }
    JsonObject status = DatasetProgress.until(client, name);
    if (out.json()) {
      out.print(status);
    }
    if ("succeeded".equals(status.getString("state"))) {
      JsonObject result = status.getJsonObject("result", new JsonObject());
      int warnings = result.getJsonArray("warnings", new JsonArray()).size();
      if (!out.json()) {
        out.line(name);
      }
      out.say(
          "dataset "
              + name
              + " "
              + out.status("succeeded")
              + (warnings == 0 ? "" : " with " + warnings + " warnings"));
      return ExitCodes.OK;
    }
    JsonObject error = status.getJsonObject("error", new JsonObject());
    out.error(
        "dataset "
            + name
            + " "
            + out.status("failed")
            + ": "
            + error.getValue("detail", status.encode()));
    return ExitCodes.FAILED;
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Progress and result of a dataset's latest build")
  int status(@Mixin ClientOptions client, @Parameters(paramLabel = "NAME") String name) {
    JsonObject s = client.api().get("/dataset/" + Api.segment(name) + "/status").send().object();
    Output out = client.out();
    if (out.json()) {
      out.print(s);
      return ExitCodes.OK;
    }
    StringBuilder line = new StringBuilder(out.status(s.getString("state")));
    if (s.getString("phase") != null) {
      line.append(" (").append(s.getString("phase"));
      if (s.getValue("buildings_total") != null) {
        line.append(", buildings ")
            .append(s.getValue("buildings_done"))
            .append('/')
            .append(s.getValue("buildings_total"));
      }
      line.append(')');
    }
    if (s.getValue("finished_at") != null) {
      line.append(", ended ").append(Times.relative(s.getValue("finished_at"), out.now()));
    }
    JsonObject error = s.getJsonObject("error");
    if (error != null) {
      line.append(": ").append(error.getValue("detail"));
    }
    out.line(line.toString());
    return ExitCodes.OK;
  }

  @Command(
      name = "download",
      mixinStandardHelpOptions = true,
      description = "Download a dataset (a folder as NAME.zip, a file as it is), with progress")
  int download(
      @Mixin ClientOptions client,
      @Parameters(paramLabel = "NAME") String name,
      @Option(
              names = {"-o", "--output"},
              paramLabel = "FILE",
              description = "Where to save it ('-': stdout)")
          String output) {
    Api.Request request = client.api().get("/dataset/download/" + Api.segment(name));
    if ("-".equals(output)) {
      Downloads.toStdout(client, request, name);
      return ExitCodes.OK;
    }
    Path target = Path.of(output != null ? output : name + ".zip");
    Path plain = output != null ? null : Path.of(name);
    DownloadCommand.report(client.out(), Downloads.save(client, request, target, plain, name));
    return ExitCodes.OK;
  }

  @Command(
      name = "upload",
      mixinStandardHelpOptions = true,
      description = "Upload a dataset as a zip (NAME: the file's name without .zip)")
  int upload(
      @Mixin ClientOptions client,
      @Parameters(paramLabel = "FILE") Path file,
      @Option(names = "--name", paramLabel = "NAME") String name) {
    if (!Files.isRegularFile(file)) {
      throw CliException.usage(file + ": no such file");
    }
    Multipart form = new Multipart().field("name", name);
    JsonObject answer;
    try (Progress bar = client.progress("upload", Files.size(file), "MiB", 1 << 20)) {
      answer =
          client
              .api()
              .post("/dataset/upload")
              .body(
                  form.contentType(),
                  form.withFile("file", file, "application/zip", n -> bar.to(n, null)))
              .send()
              .object();
    } catch (IOException e) {
      throw CliException.usage(file + ": cannot be read (" + e.getMessage() + ")");
    }
    return JobCommands.message(client, answer);
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a dataset")
  int delete(@Mixin ClientOptions client, @Parameters(paramLabel = "NAME") String name) {
    return JobCommands.message(
        client, client.api().delete("/dataset/" + Api.segment(name)).send().object());
  }

  private static void putIf(JsonObject body, String key, Object value) {
    if (value != null) {
      body.put(key, value);
    }
  }
}
