package eu.opeva.coordinator.cli;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.LongConsumer;

/** A multipart/form-data body of text fields and one file, streamed with its length known. */
final class Multipart {
  private final String boundary = "opeva-" + UUID.randomUUID();
  private final StringBuilder fields = new StringBuilder();

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  Multipart field(String name, String value) {
    if (value != null) {
      fields
          .append("--")
          .append(boundary)
          .append("\r\nContent-Disposition: form-data; name=\"")
          .append(name)
          .append("\"\r\n\r\n")
          .append(value)
          .append("\r\n");
    }
    return this;
  }

  /** The body with {@code file} last; {@code sent} hears how many bytes went so far. */
  BodyPublisher withFile(String name, Path file, String type, LongConsumer sent)
      throws IOException {
    String fileName = file.getFileName().toString().replace("\"", "");
    byte[] head =
        (fields
                + "--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: "
                + type
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    long length = head.length + Files.size(file) + tail.length;
    return BodyPublishers.fromPublisher(
        BodyPublishers.ofInputStream(
            () -> {
              try {
                InputStream all =
                    new SequenceInputStream(
                        Collections.enumeration(
                            List.of(
                                new ByteArrayInputStream(head),
                                Files.newInputStream(file),
                                new ByteArrayInputStream(tail))));
                return counting(all, sent);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }),
        length);
  }

  private static InputStream counting(InputStream in, LongConsumer sent) {
    return new FilterInputStream(in) {
      private long count;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          sent.accept(count += n);
        }
        return n;
      }
    };
  }
}
