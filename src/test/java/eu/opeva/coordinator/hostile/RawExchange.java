package eu.opeva.coordinator.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** One request written byte for byte on a new connection; its answer read as far as it goes. */
final class RawExchange {
  private RawExchange() {}

  static Answer send(int port, byte[] request, long timeoutMs, long start) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), (int) timeoutMs);
      s.setSoTimeout((int) timeoutMs);
      try {
        s.getOutputStream().write(request);
        s.getOutputStream().flush();
      } catch (IOException early) {
        // the server may answer and close before it has read everything: read what it said
      }
      return read(s.getInputStream(), start, timeoutMs);
    } catch (IOException e) {
      return Answer.failed(String.valueOf(e), HostileClient.elapsed(start));
    }
  }

  private static Answer read(InputStream in, long start, long timeoutMs) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int headEnd = -1;
    Map<String, String> headers = new HashMap<>();
    int status = -1;
    long length = -1;
    while (true) {
      if (HostileClient.elapsed(start) > timeoutMs) {
        return Answer.failed("no complete answer in time: " + got.size() + " bytes", timeoutMs);
      }
      int n;
      try {
        n = in.read(buf);
      } catch (java.net.SocketTimeoutException e) {
        return Answer.failed("no complete answer in time: " + got.size() + " bytes", timeoutMs);
      } catch (IOException reset) {
        n = -1;
      }
      if (n > 0) {
        got.write(buf, 0, n);
      }
      byte[] all = got.toByteArray();
      if (headEnd < 0) {
        headEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (headEnd >= 0) {
          String head = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1);
          String[] lines = head.split("\r\n");
          status = lines[0].length() >= 12 ? Integer.parseInt(lines[0].substring(9, 12)) : -1;
          for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
              headers.put(
                  lines[i].substring(0, colon).trim().toLowerCase(),
                  lines[i].substring(colon + 1).trim());
            }
          }
          String cl = headers.get("content-length");
          length = cl == null ? -1 : Long.parseLong(cl);
        }
      }
      if (headEnd >= 0) {
        int bodyStart = headEnd + 4;
        int have = all.length - bodyStart;
        boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
        if ((length >= 0 && have >= length) || (chunked && endsWith(all, "0\r\n\r\n")) || n < 0) {
          byte[] body = new byte[Math.max(0, length >= 0 ? (int) Math.min(length, have) : have)];
          System.arraycopy(all, bodyStart, body, 0, body.length);
          if (chunked) {
            body = Chunked.decode(body);
          }
          return new Answer(status, headers, body, null, HostileClient.elapsed(start));
        }
      } else if (n < 0) {
        return Answer.failed(
            got.size() == 0 ? "closed without an answer" : "closed in the middle of the head",
            HostileClient.elapsed(start));
      }
    }
  }

  private static boolean endsWith(byte[] all, String tail) {
    byte[] t = tail.getBytes(StandardCharsets.US_ASCII);
    return all.length >= t.length
        && indexOf(java.util.Arrays.copyOfRange(all, all.length - t.length, all.length), t) == 0;
  }

  private static int indexOf(byte[] all, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= all.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (all[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
