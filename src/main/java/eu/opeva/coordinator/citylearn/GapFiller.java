package eu.opeva.coordinator.citylearn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Linear interpolation of short gaps in the averaged (mean-type) columns: a run of at most {@code
 * maxRows} missing values with a known value on both sides is filled on the straight line between
 * them; longer runs, and runs at either end, stay missing. Rows are held back only while a run that
 * may still be filled is open, so at most {@code maxRows + 1} rows are buffered.
 */
final class GapFiller {
  private final int maxRows;
  private final Consumer<Row> out;
  private final List<Row> buffer = new ArrayList<>();
  private final int[] runStart = new int[Columns.COUNT];
  private final boolean[] abandoned = new boolean[Columns.COUNT];
  private final double[] last = new double[Columns.COUNT];
  private final boolean[] hasLast = new boolean[Columns.COUNT];
  long interpolatedValues;

  GapFiller(int maxRows, Consumer<Row> out) {
    this.maxRows = maxRows;
    this.out = out;
    Arrays.fill(runStart, -1);
  }

  void accept(Row row) {
    buffer.add(row);
    for (int c = 0; c < Columns.COUNT; c++) {
      if (Columns.isSum(c)) {
        continue;
      }
      double v = row.values[c];
      if (!Double.isNaN(v)) {
        if (runStart[c] >= 0 && !abandoned[c]) {
          fill(c, runStart[c], row.index, v);
        }
        runStart[c] = -1;
        abandoned[c] = false;
        last[c] = v;
        hasLast[c] = true;
      } else {
        if (runStart[c] < 0) {
          runStart[c] = row.index;
          abandoned[c] = !hasLast[c];
        }
        if (row.index - runStart[c] + 1 > maxRows) {
          abandoned[c] = true;
        }
      }
    }
    flush(false);
  }

  void finish() {
    flush(true);
  }

  private void fill(int c, int from, int to, double next) {
    double prev = last[c];
    int base = buffer.get(0).index;
    int span = to - from + 1;
    for (int r = from; r < to; r++) {
      buffer.get(r - base).values[c] = prev + (next - prev) * (r - from + 1) / span;
      interpolatedValues++;
    }
  }

  private void flush(boolean all) {
    int keepFrom = Integer.MAX_VALUE;
    if (!all) {
      for (int c = 0; c < Columns.COUNT; c++) {
        if (runStart[c] >= 0 && !abandoned[c]) {
          keepFrom = Math.min(keepFrom, runStart[c]);
        }
      }
    }
    int emit = 0;
    while (emit < buffer.size() && buffer.get(emit).index < keepFrom) {
      out.accept(buffer.get(emit));
      emit++;
    }
    buffer.subList(0, emit).clear();
  }
}
