package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code configs}: experiment configs in the coordinator's {@code configs/}. */
@Command(
    name = "configs",
    mixinStandardHelpOptions = true,
    description = "Experiment configs on the coordinator: list, get, put, delete")
public final class ConfigsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing command: list, get, put or delete");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Config names, sorted")
  int list(@Mixin ClientOptions client) {
    JsonArray names = client.api().get("/experiment-configs").send().array();
    Output out = client.out();
    if (out.json()) {
      out.print(names);
    } else {
      names.forEach(n -> out.line(String.valueOf(n)));
    }
    return ExitCodes.OK;
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "A config's YAML")
  int get(@Mixin ClientOptions client, @Parameters(paramLabel = "NAME") String name) {
    Reply r = client.api().get("/experiment-config/" + Api.segment(name)).send();
    Output out = client.out();
    if (out.json()) {
      out.print(new JsonObject().put("file_name", name).put("yaml_content", r.text()));
    } else {
      out.stdout().print(r.text());
      out.stdout().flush();
    }
    return ExitCodes.OK;
  }

  @Command(
      name = "put",
      mixinStandardHelpOptions = true,
      description = "Save a local YAML file as a config (NAME: the file's name), replacing one")
  int put(
      @Mixin ClientOptions client,
      @Parameters(index = "0", paramLabel = "FILE") Path file,
      @Parameters(index = "1", arity = "0..1", paramLabel = "NAME") String name,
      @Option(names = "--no-overwrite", description = "Fail if the config exists") boolean keep) {
    String text = LocalFiles.text(file);
    String target = name != null ? name : file.getFileName().toString();
    JsonObject body =
        new JsonObject().put("file_name", target).put("yaml_content", text).put("overwrite", !keep);
    JsonObject answer = client.api().post("/experiment-config/create").json(body).send().object();
    return JobCommands.message(client, answer);
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a config")
  int delete(@Mixin ClientOptions client, @Parameters(paramLabel = "NAME") String name) {
    JsonObject answer =
        client.api().delete("/experiment-config/" + Api.segment(name)).send().object();
    return JobCommands.message(client, answer);
  }
}
