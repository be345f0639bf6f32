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
    // Before anything logs: Logback reads these when the first logger is made.
    String problem = LogSettings.apply(System.getenv(), System.getProperties());
    if (problem != null) {
      System.err.println("opeva-coordinator: " + problem);
      System.exit(2);
    }
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
