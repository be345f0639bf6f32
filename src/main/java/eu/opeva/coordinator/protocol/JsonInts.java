package eu.opeva.coordinator.protocol;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/**
 * Whole numbers read from JSON into the ints the code holds: a value that is not a whole number in
 * the int range is refused (400), never wrapped ({@code 4294967297} is not 1).
 */
public final class JsonInts {
  private JsonInts() {}

  /** {@code json[key]} as an int, null when absent or null. */
  public static Integer exact(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n)) {
      throw ApiFailure.badRequest(key + " must be a whole number");
    }
    try {
      return new BigDecimal(n.toString()).intValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw ApiFailure.badRequest(
          key + " must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
    }
  }
}
