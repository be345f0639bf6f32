package eu.opeva.coordinator.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code logs}: a job's log as it is, or followed until the job ends. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = {
      "A job's log, byte for byte (--json: one {\"offset\", \"line\"} object per line).",
      "With -f it keeps streaming until the job ends, resuming where it broke if the"
          + " connection drops."
    })
public final class LogsCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "JOB")
  String id;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep streaming until the job ends")
  boolean follow;

  @Option(names = "--tail", paramLabel = "N", description = "Start at the last N lines")
  Integer tail;

  @Option(names = "--offset", paramLabel = "BYTE", description = "Start at this byte")
  Long offset;

  @Override
  public Integer call() {
    if (tail != null && offset != null) {
      throw CliException.usage("--tail and --offset exclude each other");
    }
    Output out = client.out();
    LogSink sink = out.json() ? LogSink.jsonLines(out.stdout()) : LogSink.raw(out.stdout());
    if (follow) {
      JobWait.untilEnd(client.api(), out, id, sink, offset, tail);
    } else {
      new LogStream(client.api(), out, id).read(offset, tail, false, sink);
    }
    return ExitCodes.OK;
  }
}
