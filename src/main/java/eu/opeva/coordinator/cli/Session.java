package eu.opeva.coordinator.cli;

/** One run of the command line: its context and what its options set for every part of it. */
final class Session {
  final CliContext ctx;
  boolean debug;

  Session(CliContext ctx) {
    this.ctx = ctx;
    this.debug = ctx.var("OPEVA_DEBUG") != null;
  }
}
