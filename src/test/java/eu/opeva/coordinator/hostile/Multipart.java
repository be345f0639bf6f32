package eu.opeva.coordinator.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Multipart bodies and zips for the upload operation, as bytes (hostile ones included). */
final class Multipart {
  static final String BOUNDARY = "hostile-boundary-7d1f";

  private Multipart() {}

  /** A form with a {@code name} field (left out when null) and a {@code file} part. */
  static byte[] upload(String name, String fileName, byte[] file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (name != null) {
      field(out, "name", name.getBytes(StandardCharsets.UTF_8));
    }
    if (file != null) {
      text(out, "--" + BOUNDARY + "\r\n");
      text(out, "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n");
      text(out, "Content-Type: application/zip\r\n\r\n");
      out.writeBytes(file);
      text(out, "\r\n");
    }
    text(out, "--" + BOUNDARY + "--\r\n");
    return out.toByteArray();
  }

  /** A form with one field whose value is given as bytes (invalid UTF-8, say). */
  static byte[] field(String name, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    field(out, name, value);
    text(out, "--" + BOUNDARY + "--\r\n");
    return out.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, String name, byte[] value) {
    text(out, "--" + BOUNDARY + "\r\n");
    text(out, "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
    out.writeBytes(value);
    text(out, "\r\n");
  }

  private static void text(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A zip of the given entries (name to text). */
  static byte[] zip(Map<String, String> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> e : new TreeMap<>(entries).entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
