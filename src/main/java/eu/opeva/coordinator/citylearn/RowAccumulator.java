package eu.opeva.coordinator.citylearn;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Turns documents in time order into rows of the grid, emitted in order as soon as they are
 * complete, so only one row is ever being built. Energy columns are summed and the rest averaged;
 * like pandas, a sum over a step without values is 0 between the first and last document and
 * missing outside them. Documents older than the row being built (out of order) are dropped and
 * counted.
 */
final class RowAccumulator {
  private final TimeGrid grid;
  private final Consumer<Row> out;
  private final double[] docValues = new double[Columns.COUNT];
  private final double[] sums = new double[Columns.COUNT];
  private final int[] counts = new int[Columns.COUNT];
  private int current = -1;
  private int docsInRow;
  private Object sessions;
  private Object vehicles;
  private boolean seenDoc;
  long documents;
  long outOfOrder;

  RowAccumulator(TimeGrid grid, Consumer<Row> out) {
    this.grid = grid;
    this.out = out;
  }

  void accept(Instant ts, JsonObject doc) {
    int row = grid.rowOf(ts);
    if (row < 0) {
      return;
    }
    if (row < current) {
      outOfOrder++;
      return;
    }
    if (row > current) {
      if (current >= 0) {
        emitCurrent();
      }
      emitEmpty(current + 1, row, seenDoc);
      current = row;
    }
    seenDoc = true;
    documents++;
    docsInRow++;
    DocValues.extract(doc, docValues);
    for (int c = 0; c < Columns.COUNT; c++) {
      if (!Double.isNaN(docValues[c])) {
        sums[c] += docValues[c];
        counts[c]++;
      }
    }
    Object s = DocValues.get(doc, "charging_sessions");
    if (s != null) {
      sessions = s;
    }
    Object v = DocValues.get(doc, "electric_vehicles");
    if (v != null) {
      vehicles = v;
    }
  }

  /** Emits the last row and the empty rows after it, up to the end of the grid. */
  void finish() {
    if (current >= 0) {
      emitCurrent();
    }
    emitEmpty(current + 1, grid.rows(), false);
    current = grid.rows();
  }

  boolean sawDocuments() {
    return seenDoc;
  }

  private void emitCurrent() {
    double[] values = new double[Columns.COUNT];
    for (int c = 0; c < Columns.COUNT; c++) {
      values[c] =
          counts[c] > 0
              ? (Columns.isSum(c) ? sums[c] : sums[c] / counts[c])
              : Columns.isSum(c) ? 0.0 : Double.NaN;
    }
    out.accept(new Row(current, values, docsInRow > 0, sessions, vehicles));
    Arrays.fill(sums, 0);
    Arrays.fill(counts, 0);
    docsInRow = 0;
    sessions = null;
    vehicles = null;
  }

  private void emitEmpty(int from, int to, boolean inSpan) {
    for (int r = from; r < to; r++) {
      double[] values = new double[Columns.COUNT];
      for (int c = 0; c < Columns.COUNT; c++) {
        values[c] = inSpan && Columns.isSum(c) ? 0.0 : Double.NaN;
      }
      out.accept(new Row(r, values, false, null, null));
    }
  }
}
