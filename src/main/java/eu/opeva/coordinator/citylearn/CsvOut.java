package eu.opeva.coordinator.citylearn;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** A CSV file written row by row (commons-csv, '\n' line ends), and the cell formats. */
final class CsvOut implements AutoCloseable {
  static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

  final Path path;
  private final CSVPrinter printer;
  long rows;

  CsvOut(Path path, List<String> header) {
    this.path = path;
    try {
      BufferedWriter writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
      this.printer = new CSVPrinter(writer, FORMAT);
      printer.printRecord(header);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void row(Object... cells) {
    try {
      printer.printRecord(cells);
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      printer.close(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A float cell: empty when missing, {@code 20.0} for whole numbers, plain decimals otherwise. */
  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return (long) v + ".0";
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** An integer-like cell: {@code 1} rather than {@code 1.0}; other values as {@link #number}. */
  static String whole(double v) {
    if (!Double.isNaN(v) && v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    return number(v);
  }
}
