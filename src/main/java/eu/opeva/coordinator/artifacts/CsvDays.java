package eu.opeva.coordinator.artifacts;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The UTC days a simulator CSV covers. The date column is the first header named timestamp,
 * datetime, date or time, else the first containing one of those words (in that order), else the
 * first column. Numbers are epoch seconds (milliseconds above 10^10); counters such as {@code
 * time_step} (small numbers) are not dates. Blocking; streams the file.
 */
final class CsvDays {
  private static final List<String> WORDS = List.of("timestamp", "datetime", "date", "time");
  private static final double EARLIEST_EPOCH_SECONDS = 1e8; // 1973: smaller numbers are counters
  private static final double LATEST_EPOCH_SECONDS = 1e11;

  private CsvDays() {}

  /**
   * Adds the file's days to {@code days}; a malformed file contributes the days read before the
   * fault.
   */
  static void collect(Path csv, Set<String> days) throws IOException {
    Reader reader = new InputStreamReader(Files.newInputStream(csv), StandardCharsets.UTF_8);
    try (CSVParser parser = CSVFormat.DEFAULT.parse(reader)) {
      Iterator<CSVRecord> records = parser.iterator();
      if (!records.hasNext()) {
        return;
      }
      int column = dateColumn(records.next().toList());
      while (records.hasNext()) {
        CSVRecord row = records.next();
        if (column < row.size()) {
          day(row.get(column)).ifPresent(d -> days.add(d.toString()));
        }
      }
    } catch (UncheckedIOException | IllegalStateException malformed) {
      // an unterminated quote or similar: keep what was read
    }
  }

  static int dateColumn(List<String> header) {
    List<String> names = header.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    for (String word : WORDS) {
      if (names.contains(word)) {
        return names.indexOf(word);
      }
    }
    for (String word : WORDS) {
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).contains(word)) {
          return i;
        }
      }
    }
    return 0;
  }

  static Optional<LocalDate> day(String raw) {
    String v = raw.trim();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      double n = Double.parseDouble(v);
      double seconds = n > 9_999_999_999d ? n / 1000 : n;
      if (!Double.isFinite(seconds)
          || seconds < EARLIEST_EPOCH_SECONDS
          || seconds > LATEST_EPOCH_SECONDS) {
        return Optional.empty();
      }
      return Optional.of(
          Instant.ofEpochMilli((long) (seconds * 1000)).atOffset(ZoneOffset.UTC).toLocalDate());
    } catch (NumberFormatException notANumber) {
      String iso = v.replace(' ', 'T');
      try {
        return Optional.of(
            OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());
      } catch (DateTimeParseException e) {
        // no offset: read as UTC below
      }
      try {
        return Optional.of(LocalDateTime.parse(iso).toLocalDate());
      } catch (DateTimeParseException e) {
        // maybe a plain date
      }
      try {
        return Optional.of(LocalDate.parse(v));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
  }
}
