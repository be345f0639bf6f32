package eu.opeva.coordinator.http;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/** What the patterns of the contract mean, said after the field's name. */
final class PatternSentences {
  /** The contract's name for the pattern of every single-line string. */
  static final String SINGLE_LINE = "x-opeva-single-line";

  private static final String NAME_CHARS = "letters, digits, '_', '.' and '-'";

  private PatternSentences() {}

  static Map<String, String> of(JsonObject contract) {
    Map<String, String> out = new HashMap<>();
    out.put(
        "^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$",
        "must start with a letter or a digit and have only " + NAME_CHARS + " (at most 128)");
    out.put(
        "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        "must start with a letter or a digit and have only " + NAME_CHARS);
    out.put("^[A-Za-z0-9_-]{1,63}$", "must have 1 to 63 letters, digits, '_' or '-'");
    out.put("^[^\\x00-\\x20\\x7f]+$", "must be one word, without spaces or control characters");
    out.put("^[\\x21-\\x7e]+$", "must be printable ASCII without spaces");
    String singleLine = contract.getString(SINGLE_LINE);
    if (singleLine != null) {
      out.put(singleLine, "must be a single line without control characters");
    }
    return out;
  }
}
