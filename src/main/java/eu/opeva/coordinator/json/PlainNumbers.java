package eu.opeva.coordinator.json;

import java.math.BigDecimal;

/**
 * How decimals are written in JSON: plainly ({@code 1796115626.604}, never {@code
 * 1.796115626604E9}) within the range where a plain form stays short, as JavaScript writes them;
 * outside it (and for NaN and the infinities) the encoder's own form is kept.
 */
public final class PlainNumbers {
  private static final double SMALLEST_PLAIN = 1e-7;
  private static final double LARGEST_PLAIN = 1e21;
  private static final BigDecimal SMALLEST = BigDecimal.valueOf(SMALLEST_PLAIN);
  private static final BigDecimal LARGEST = BigDecimal.valueOf(LARGEST_PLAIN);

  private PlainNumbers() {}

  /**
   * The plain text of {@code d}, the shortest that reads back as the same double, with a {@code .0}
   * when it is whole (so it stays a decimal); null when the encoder's form is kept.
   */
  public static String of(double d) {
    if (!Double.isFinite(d)) {
      return null;
    }
    double abs = Math.abs(d);
    if (abs == 0) {
      return Double.toString(d);
    }
    if (abs < SMALLEST_PLAIN || abs >= LARGEST_PLAIN) {
      return null;
    }
    String text = new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    return text.indexOf('.') < 0 ? text + ".0" : text;
  }

  /** The plain text of {@code d} with its own scale ({@code 1796115626.600} stays so). */
  public static String of(BigDecimal d) {
    BigDecimal abs = d.abs();
    if (abs.signum() != 0 && (abs.compareTo(SMALLEST) < 0 || abs.compareTo(LARGEST) >= 0)) {
      return null;
    }
    return d.toPlainString();
  }
}
