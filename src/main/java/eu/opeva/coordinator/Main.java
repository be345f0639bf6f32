package eu.opeva.coordinator;

import eu.opeva.coordinator.cli.Cli;
import eu.opeva.coordinator.cli.CliContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: {@code serve}, {@code agent}, and beside them the client commands of the
 * {@code cli} package ({@code submit}, {@code list}, {@code logs} ...), which {@link Cli} adds.
 */
@Command(
    name = "opeva-coordinator",
    mixinStandardHelpOptions = true,
    version = "opeva-coordinator 0.1.0",
    description = "Job coordinator for simulation and training workloads.",
    subcommands = {ServeCommand.class, AgentCommand.class})
public final class Main implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(Cli.execute(CliContext.system(), args));
  }
}
