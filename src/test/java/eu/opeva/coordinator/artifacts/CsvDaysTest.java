package eu.opeva.coordinator.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The days a simulator CSV covers")
class CsvDaysTest {
  @TempDir Path dir;

  @Test
  @DisplayName("an exact date header beats one that merely contains 'time'")
  void columnChoice() {
    assertThat(CsvDays.dateColumn(List.of("time_step", "Timestamp", "v"))).isEqualTo(1);
    assertThat(CsvDays.dateColumn(List.of("time_step", "local_datetime"))).isEqualTo(1);
    assertThat(CsvDays.dateColumn(List.of("time_step", "value"))).isZero();
    assertThat(CsvDays.dateColumn(List.of("value", "other"))).isZero();
  }

  @Test
  @DisplayName(
      "epoch seconds and milliseconds, ISO with or without offset (UTC), plain dates; counters are not dates")
  void values() {
    assertThat(CsvDays.day("1772755200")).contains(LocalDate.parse("2026-03-06"));
    assertThat(CsvDays.day("1772755200000")).contains(LocalDate.parse("2026-03-06"));
    assertThat(CsvDays.day("2026-03-01T23:30:00-02:00")).contains(LocalDate.parse("2026-03-02"));
    assertThat(CsvDays.day("2026-03-01 23:30:00")).contains(LocalDate.parse("2026-03-01"));
    assertThat(CsvDays.day("2026-03-01")).contains(LocalDate.parse("2026-03-01"));
    assertThat(CsvDays.day("17")).isEmpty();
    assertThat(CsvDays.day("NaN")).isEmpty();
    assertThat(CsvDays.day("soon")).isEmpty();
    assertThat(CsvDays.day("")).isEmpty();
  }

  @Test
  @DisplayName("a malformed CSV contributes the days read before the fault, without failing")
  void malformed() throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "timestamp,v\n2026-01-01,1\n2026-01-02,\"unterminated\n");
    Set<String> days = new TreeSet<>();
    CsvDays.collect(csv, days);
    assertThat(days).contains("2026-01-01");
  }
}
