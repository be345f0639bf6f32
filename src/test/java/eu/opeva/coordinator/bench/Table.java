package eu.opeva.coordinator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The standing benchmark's table: one row per figure, as Markdown, and its place in the docs. */
final class Table {
  static final String START = "<!-- standing-benchmark:start -->";
  static final String END = "<!-- standing-benchmark:end -->";

  /**
   * One figure: what was measured, its rate (in {@code unit}), the bare server's rate for the same
   * requests in the same run (or null), latencies in ms (or null), the target and how it went.
   */
  record Row(
      String scenario,
      double rate,
      String unit,
      Double bare,
      Double p50,
      Double p99,
      Double max,
      String target,
      String result,
      Double efficiency) {
    Row(
        String scenario,
        double rate,
        String unit,
        Double bare,
        Double p50,
        Double p99,
        Double max,
        String target,
        String result) {
      this(scenario, rate, unit, bare, p50, p99, max, target, result, null);
    }

    static Row of(String scenario, Load.Outcome o, String unit, Load.Outcome bare) {
      Double efficiency =
          bare != null && o.perCpuSecond() > 0 && bare.perCpuSecond() > 0
              ? o.perCpuSecond() / bare.perCpuSecond()
              : null;
      return new Row(
          scenario,
          o.rate(),
          unit,
          bare == null ? null : bare.rate(),
          o.ms(50),
          o.ms(99),
          o.maxMs(),
          "",
          o.failed() == 0 ? "" : o.failed() + " failed: " + o.firstError(),
          efficiency);
    }

    Row target(String target, boolean reached, String how) {
      String mark = (reached ? "reached" : "NOT reached") + (how.isEmpty() ? "" : ": " + how);
      return new Row(
          scenario,
          rate,
          unit,
          bare,
          p50,
          p99,
          max,
          target,
          result.isEmpty() ? mark : mark + "; " + result,
          efficiency);
    }

    Double ratio() {
      return bare == null || bare == 0 ? null : rate / bare;
    }
  }

  private Table() {}

  static String markdown(String machine, List<Row> rows) {
    StringBuilder out = new StringBuilder(machine).append("\n\n");
    out.append(
        "| scenario | rate | bare Vert.x | / bare | per event-loop CPU-s / bare | p50 ms | p99 ms"
            + " | max ms | target | |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      out.append("| ")
          .append(r.scenario())
          .append(" | ")
          .append(r.rate() < 0 ? "" : number(r.rate()) + " " + r.unit())
          .append(" | ")
          .append(r.bare() == null ? "" : number(r.bare()))
          .append(" | ")
          .append(r.ratio() == null ? "" : Math.round(100 * r.ratio()) + "%")
          .append(" | ")
          .append(r.efficiency() == null ? "" : Math.round(100 * r.efficiency()) + "%")
          .append(" | ")
          .append(ms(r.p50()))
          .append(" | ")
          .append(ms(r.p99()))
          .append(" | ")
          .append(ms(r.max()))
          .append(" | ")
          .append(r.target())
          .append(" | ")
          .append(r.result())
          .append(" |\n");
    }
    return out.toString();
  }

  /** Replaces what lies between the markers of {@code doc} with {@code table}. */
  static void writeInto(Path doc, String table) throws IOException {
    String text = Files.readString(doc);
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    if (start < 0 || end < start) {
      throw new IOException(doc + " has no " + START + " ... " + END + " section");
    }
    Files.writeString(
        doc, text.substring(0, start + START.length()) + "\n" + table + text.substring(end));
  }

  static String number(double v) {
    if (v >= 100) {
      return String.format(Locale.ROOT, "%,d", Math.round(v));
    }
    return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
  }

  private static String ms(Double v) {
    return v == null ? "" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
  }
}
