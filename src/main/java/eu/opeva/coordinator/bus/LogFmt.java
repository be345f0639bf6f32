package eu.opeva.coordinator.bus;

/**
 * Values of {@code key=value} log lines (logfmt): plain tokens as they are, anything else quoted
 * with quotes, backslashes and control characters escaped, so a value sent by a client or a worker
 * can never end a line or forge a field. An absent value is {@code -}.
 */
public final class LogFmt {
  private LogFmt() {}

  public static String value(Object value) {
    if (value == null) {
      return "-";
    }
    String s = value.toString();
    if (!s.isEmpty() && isPlain(s)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length() + 8).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static boolean isPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }
}
