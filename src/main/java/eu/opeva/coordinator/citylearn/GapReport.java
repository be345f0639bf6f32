package eu.opeva.coordinator.citylearn;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the runs of time steps without any document for a building and describes each in a warning
 * (the first {@link #LISTED} in full, then a count), saying how the gap was filled.
 */
final class GapReport {
  static final int LISTED = 10;

  private final String building;
  private final TimeGrid grid;
  private final int maxRows;
  private final int acceptableMinutes;
  private final List<String> warnings = new ArrayList<>();
  private int runStart = -1;
  private boolean dataBefore;
  private int gaps;
  private long missingSteps;

  GapReport(String building, TimeGrid grid, int maxRows, int acceptableMinutes) {
    this.building = building;
    this.grid = grid;
    this.maxRows = maxRows;
    this.acceptableMinutes = acceptableMinutes;
  }

  void accept(Row row) {
    if (!row.hasDocs) {
      if (runStart < 0) {
        runStart = row.index;
      }
      return;
    }
    if (runStart >= 0) {
      close(row.index - 1, true);
    }
    dataBefore = true;
  }

  void finish() {
    if (runStart >= 0) {
      close(grid.rows() - 1, false);
    }
  }

  private void close(int last, boolean dataAfter) {
    int steps = last - runStart + 1;
    gaps++;
    missingSteps += steps;
    if (gaps <= LISTED) {
      String how;
      if (!dataBefore || !dataAfter) {
        how = "at the edge of the data, so not interpolated; missing values take the defaults";
      } else if (steps <= maxRows) {
        how =
            "averaged columns interpolated (gap within ACCEPTABLE_GAP_IN_MINUTES="
                + acceptableMinutes
                + "), energy columns 0";
      } else {
        how =
            "longer than ACCEPTABLE_GAP_IN_MINUTES="
                + acceptableMinutes
                + ", so not interpolated; averaged columns take the defaults, energy columns 0";
      }
      warnings.add(
          "Building '"
              + building
              + "': no records for "
              + steps
              + " time step(s) from "
              + grid.label(runStart).minusMillis(grid.periodMs())
              + " to "
              + grid.label(last)
              + "; "
              + how
              + ".");
    }
    runStart = -1;
  }

  List<String> warnings() {
    List<String> out = new ArrayList<>(warnings);
    if (gaps > LISTED) {
      out.add(
          "Building '"
              + building
              + "': "
              + gaps
              + " gaps in all ("
              + missingSteps
              + " time steps without records); only the first "
              + LISTED
              + " are listed.");
    }
    return out;
  }
}
