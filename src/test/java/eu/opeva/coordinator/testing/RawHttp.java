package eu.opeva.coordinator.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Requests written byte for byte on a socket, for what an HTTP client would never send (conflicting
 * framing headers, broken escapes); the answer is read until the server closes or goes quiet.
 */
public final class RawHttp {
  private RawHttp() {}

  /** Sends {@code request} (CRLFs included) and returns everything answered, as text. */
  public static String exchange(int port, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(3000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException quiet) {
        // the server keeps the connection open: what came so far is the answer
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** The status code of the first answer in {@code raw}, or -1 when there is none. */
  public static int status(String raw) {
    return raw.startsWith("HTTP/1.") && raw.length() >= 12
        ? Integer.parseInt(raw.substring(9, 12))
        : -1;
  }
}
