package eu.opeva.coordinator.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * What a client command may touch of the world: the environment, the output streams, whether they
 * are a terminal, and the clock. {@link #system()} is the real process; tests give their own.
 *
 * @param env the environment variables ({@code OPEVA_*}, {@code HOME}, {@code NO_COLOR} ...)
 * @param out data: tables, ids, JSON, logs
 * @param err messages, progress bars
 * @param terminal whether a person is watching (colours and progress bars only then)
 * @param clock "now" for relative times
 * @param name the command's name in messages and help ({@code opeva} from the launcher)
 */
public record CliContext(
    Map<String, String> env,
    PrintStream out,
    PrintStream err,
    boolean terminal,
    Clock clock,
    String name) {

  /** The running process: its environment, stdout, stderr and console. */
  public static CliContext system() {
    return new CliContext(
        System.getenv(),
        System.out,
        System.err,
        System.console() != null,
        Clock.systemUTC(),
        System.getProperty("opeva.command", "opeva-coordinator"));
  }

  /** An environment variable, or null when it is unset or empty. */
  String var(String name) {
    String v = env.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  /** Colours: on a terminal, unless NO_COLOR is set (to anything) or TERM is dumb. */
  boolean colours() {
    return terminal && var("NO_COLOR") == null && !"dumb".equals(var("TERM"));
  }
}
