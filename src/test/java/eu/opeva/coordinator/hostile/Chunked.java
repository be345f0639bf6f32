package eu.opeva.coordinator.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Decodes a chunked HTTP/1.1 body (trailers ignored). */
final class Chunked {
  private Chunked() {}

  static byte[] decode(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < body.length) {
      int eol = i;
      while (eol + 1 < body.length && !(body[eol] == '\r' && body[eol + 1] == '\n')) {
        eol++;
      }
      String size = new String(body, i, eol - i, StandardCharsets.US_ASCII).split(";")[0].trim();
      int n = Integer.parseInt(size, 16);
      if (n == 0) {
        break;
      }
      out.write(body, eol + 2, n);
      i = eol + 2 + n + 2;
    }
    return out.toByteArray();
  }
}
