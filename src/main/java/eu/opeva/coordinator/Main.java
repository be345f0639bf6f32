package eu.opeva.coordinator;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point: {@code serve}, {@code agent}, and later client commands. */
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
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
