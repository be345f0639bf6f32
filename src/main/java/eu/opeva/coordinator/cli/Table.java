package eu.opeva.coordinator.cli;

import java.util.ArrayList;
import java.util.List;

/** Columns aligned on their widest cell (colour codes not counted), two spaces apart. */
final class Table {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  Table(List<String> headers) {
    this.headers = headers;
  }

  Table(String... headers) {
    this(List.of(headers));
  }

  Table row(List<String> cells) {
    if (cells.size() != headers.size()) {
      throw new IllegalArgumentException(
          cells.size() + " cells for " + headers.size() + " columns");
    }
    rows.add(cells.stream().map(c -> c == null || c.isEmpty() ? "-" : c).toList());
    return this;
  }

  Table row(String... cells) {
    return row(java.util.Arrays.asList(cells));
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  void print(Output out) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], Output.visible(row.get(i)));
      }
    }
    out.line(out.bold(line(headers, widths)));
    rows.forEach(row -> out.line(line(row, widths)));
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      b.append(cell);
      if (i < cells.size() - 1) {
        b.append(" ".repeat(widths[i] - Output.visible(cell) + 2));
      }
    }
    return b.toString();
  }
}
