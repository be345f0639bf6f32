package eu.opeva.coordinator.cli;

import eu.opeva.coordinator.Main;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IFactory;

/**
 * The command line of the jar: {@code serve}, {@code agent} and the client commands beside them,
 * run in one {@link CliContext}. Failures end with their exit code ({@link ExitCodes}) and one
 * sentence on stderr, a stack trace only with {@code --debug}.
 */
public final class Cli {
  /**
   * The client commands in the order of the help: command classes, and classes whose static
   * {@code @Command} methods are top-level commands (one class per group of them).
   */
  private static final List<Class<?>> COMMANDS =
      List.of(
          SubmitCommand.class,
          JobCommands.class,
          ListCommand.class,
          LogsCommand.class,
          DownloadCommand.class,
          FleetCommands.class,
          ConfigsCommand.class,
          DatasetsCommand.class,
          PipelinesCommand.class,
          SchedulesCommand.class,
          OpsCommand.class,
          CompletionCommand.class);

  private Cli() {}

  /** Runs {@code args} to the end; the exit code. */
  public static int execute(CliContext ctx, String... args) {
    return commandLine(ctx).execute(args);
  }

  static CommandLine commandLine(CliContext ctx) {
    Session session = new Session(ctx);
    IFactory factory = new Factory(session);
    CommandLine cl = new CommandLine(new Main(), factory);
    for (Class<?> command : COMMANDS) {
      if (command.isAnnotationPresent(CommandLine.Command.class)) {
        cl.addSubcommand(new CommandLine(command, factory));
      } else {
        for (Method m : CommandLine.getCommandMethods(command, null)) {
          cl.addSubcommand(new CommandLine(m, factory));
        }
      }
    }
    cl.setCommandName(ctx.name());
    cl.setOut(new PrintWriter(ctx.out(), true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(ctx.err(), true, StandardCharsets.UTF_8));
    cl.setColorScheme(Help.defaultColorScheme(ctx.colours() ? Help.Ansi.ON : Help.Ansi.OFF));
    cl.setUsageHelpAutoWidth(true);
    cl.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          Output out = new Output(ctx, false);
          if (session.debug) {
            e.printStackTrace(ctx.err());
          }
          if (e instanceof CliException c) {
            out.error(c.getMessage());
            return c.exitCode();
          }
          out.error("unexpected failure: " + e + (session.debug ? "" : " (--debug shows where)"));
          return ExitCodes.FAILED;
        });
    cl.setParameterExceptionHandler(
        (e, args) -> {
          Output out = new Output(ctx, false);
          out.error(e.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(e, cl.getErr());
          out.say("See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return ExitCodes.USAGE;
        });
    return cl;
  }

  /** Builds commands and mixins, handing the session to those that take it. */
  private record Factory(Session session) implements IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      for (Constructor<?> c : cls.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Session.class) {
          c.setAccessible(true);
          return cls.cast(c.newInstance(session));
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
