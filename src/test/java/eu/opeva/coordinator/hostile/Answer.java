package eu.opeva.coordinator.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What the coordinator answered to one request, or why there was no answer ({@code failure}). */
record Answer(int status, Map<String, String> headers, byte[] body, String failure, long millis) {
  static Answer failed(String why, long millis) {
    return new Answer(-1, Map.of(), new byte[0], why, millis);
  }

  /** A header, by its name in lower case. */
  String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }

  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
