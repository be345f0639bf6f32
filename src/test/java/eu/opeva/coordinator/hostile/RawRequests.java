package eu.opeva.coordinator.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Requests as bytes, for what an HTTP client would not send (raw bytes in the request line). */
final class RawRequests {
  /** Stands in a target for the raw bytes. */
  static final String MARKER = "@@raw@@";

  private RawRequests() {}

  /** The base request with {@link #MARKER} in {@code target} replaced by {@code raw} bytes. */
  static byte[] withBytes(BaseRequest base, String target, int[] raw) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int at = target.indexOf(MARKER);
    line.writeBytes(
        (base.method() + " " + target.substring(0, at)).getBytes(StandardCharsets.UTF_8));
    for (int b : raw) {
      line.write(b);
    }
    line.writeBytes(
        (target.substring(at + MARKER.length()) + " HTTP/1.1\r\n")
            .getBytes(StandardCharsets.UTF_8));
    byte[] body = base.body();
    return request(line.toByteArray(), base, body == null ? -1 : body.length, body);
  }

  /** The base request announcing {@code declared} bytes of body and sending only {@code body}. */
  static byte[] declaring(BaseRequest base, long declared, byte[] body) {
    String line = base.method() + " " + base.target() + " HTTP/1.1\r\n";
    return request(line.getBytes(StandardCharsets.UTF_8), base, declared, body);
  }

  private static byte[] request(byte[] line, BaseRequest base, long length, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(line);
    StringBuilder h = new StringBuilder("Host: 127.0.0.1\r\nConnection: close\r\n");
    for (Map.Entry<String, String> e : base.headers()) {
      h.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
    }
    if (length >= 0) {
      h.append("Content-Length: ").append(length).append("\r\n");
    }
    out.writeBytes(h.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
    if (body != null) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }
}
