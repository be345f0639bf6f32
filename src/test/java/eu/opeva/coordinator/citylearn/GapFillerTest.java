package eu.opeva.coordinator.citylearn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Gap filling of averaged columns")
class GapFillerTest {
  static final int TEMP = Columns.ALL.indexOf("indoor_dry_bulb_temperature");
  static final int LOAD = Columns.ALL.indexOf("non_shiftable_load");

  static List<Row> run(int maxRows, double... temps) {
    List<Row> out = new ArrayList<>();
    GapFiller filler = new GapFiller(maxRows, out::add);
    for (int i = 0; i < temps.length; i++) {
      double[] values = new double[Columns.COUNT];
      Arrays.fill(values, Double.NaN);
      values[TEMP] = temps[i];
      filler.accept(new Row(i, values, !Double.isNaN(temps[i]), null, null));
      assertThat(out.size()).as("rows held back").isGreaterThanOrEqualTo(i - maxRows);
    }
    filler.finish();
    return out;
  }

  static double[] temps(List<Row> rows) {
    return rows.stream().mapToDouble(r -> r.values[TEMP]).toArray();
  }

  @Test
  @DisplayName("fills runs up to the limit on the straight line between their neighbours, in order")
  void interpolates() {
    List<Row> rows = run(2, 10, Double.NaN, Double.NaN, 16, Double.NaN, 20);
    assertThat(rows.stream().map(r -> r.index).toList()).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(temps(rows)).containsExactly(10, 12, 14, 16, 18, 20);
  }

  @Test
  @DisplayName("leaves longer runs, leading runs and trailing runs missing")
  void leavesLongAndEdgeRuns() {
    assertThat(temps(run(2, 10, Double.NaN, Double.NaN, Double.NaN, 20)))
        .containsExactly(10, Double.NaN, Double.NaN, Double.NaN, 20);
    assertThat(temps(run(2, Double.NaN, 10, 11))).containsExactly(Double.NaN, 10, 11);
    assertThat(temps(run(2, 10, 11, Double.NaN))).containsExactly(10, 11, Double.NaN);
    assertThat(temps(run(0, 10, Double.NaN, 12))).containsExactly(10, Double.NaN, 12);
  }

  @Test
  @DisplayName("never touches summed columns")
  void sumsUntouched() {
    List<Row> rows = run(2, 10, Double.NaN, 12);
    assertThat(rows.get(1).values[LOAD]).isNaN();
  }
}
